/**
 * Proves out = x[0] + … + x[n−1] mod p (one linear constraint). No range check: arbitrary field
 * elements, wraps mod p (range-check the inputs when integer semantics matter).
 */
import { sketch, Field, Arr, G } from 'zksl';

export default sketch({
  name: 'Sum',
  params: { n: 4 },
  inputs: ({ n }) => ({ x: Arr(Field, n) }),
  outputs: () => ({ out: Field }),
  body: ({ x }) => ({ out: G.sum(x) }),
});
