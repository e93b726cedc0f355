/**
 * Proves out = 1 if x[0] ≤ x[1] ≤ … ≤ x[n−1] (non-decreasing) else 0, for unsigned x[i] in
 * [0, 2^bits), each range-checked (the input type) so every comparison is sound. Precondition: n ≥ 2.
 */
import { sketch, UInt, Bool, Arr, G } from 'zksl';

export default sketch({
  name: 'IsSorted',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(UInt(bits), n) }),
  outputs: () => ({ out: Bool }),
  body: ({ x }, { n, bits }) => {
    if (n < 2) throw new Error('IsSorted needs n >= 2');
    let all = G.lessOrEqual(x[0], x[1], bits);
    for (let i = 1; i < n - 1; i++) all = all.mul(G.lessOrEqual(x[i], x[i + 1], bits));
    return { out: all };
  },
});
