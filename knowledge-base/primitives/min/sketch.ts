/**
 * Proves out = min(x[0], …, x[n−1]) for signed values x[i] in SInt(bits), each range-checked
 * (the input type); comparisons are range-checked signed comparisons, so no wrap-around. Ties are fine.
 */
import { sketch, SInt, Arr, G } from 'zksl';

export default sketch({
  name: 'Min',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(SInt(bits), n) }),
  outputs: ({ bits }) => ({ out: SInt(bits) }),
  body: ({ x }, { bits }) => ({ out: G.min(x, { bits, signed: true }) }),
});
