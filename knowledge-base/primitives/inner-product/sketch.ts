/**
 * Proves out = Σ a[i]·b[i] mod p for two n-vectors of arbitrary field elements (n products).
 * No precondition and no range check: wraps mod p.
 */
import { sketch, Field, Arr, G } from 'zksl';

export default sketch({
  name: 'InnerProduct',
  params: { n: 4 },
  inputs: ({ n }) => ({ a: Arr(Field, n), b: Arr(Field, n) }),
  outputs: () => ({ out: Field }),
  body: ({ a, b }) => ({ out: G.innerProduct(a, b) }),
});
