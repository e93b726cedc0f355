/**
 * Proves out = x >> k = ⌊x / 2^k⌋ for an n-bit unsigned x (range-checked here by its bit
 * decomposition); out is rebuilt from bits k..n−1, so it is < 2^(n−k). Preconditions: 0 ≤ k ≤ n ≤ 253.
 */
import { Field, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'ShiftRight',
  params: { n: 8, k: 3 },
  inputs: () => ({ x: Field }), // range-checked by G.toBits below
  outputs: ({ n, k }) => ({ out: UInt(n - k) }),
  body: ({ x }, { n, k }) => {
    if (n > 253 || k < 0 || k > n) throw new Error('ShiftRight: need 0 <= k <= n <= 253');
    const bits = G.toBits(x, n); // asserts x < 2^n and pins the dropped low bits too
    return { out: G.fromBits(bits.slice(k)) };
  },
});
