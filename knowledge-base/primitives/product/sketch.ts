/**
 * Proves out = x[0]·x[1]·…·x[n−1] mod p with a chain of n − 1 products. No range check:
 * arbitrary field elements, wraps mod p. Precondition: n ≥ 2.
 */
import { sketch, Field, Arr } from 'zksl';

export default sketch({
  name: 'Product',
  params: { n: 4 },
  inputs: ({ n }) => ({ x: Arr(Field, n) }),
  outputs: () => ({ out: Field }),
  body: ({ x }, { n }) => {
    if (n < 2) throw new Error('Product needs n >= 2');
    let acc = x[0];
    for (let i = 1; i < n; i++) acc = acc.mul(x[i]);
    return { out: acc };
  },
});
