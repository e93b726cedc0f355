/**
 * Proves out is the n-bit little-endian decomposition of x, hence x < 2^n (every bit boolean,
 * Σ out[i]·2^i = x). Precondition: n ≤ 253 (unique decomposition); x is any field element.
 */
import { Arr, Bool, Field, G, sketch } from 'zksl';

export default sketch({
  name: 'SafeNum2Bits',
  params: { n: 8 },
  inputs: () => ({ x: Field }),
  outputs: ({ n }) => ({ out: Arr(Bool, n) }),
  body: ({ x }, { n }) => {
    if (n > 253) throw new Error('SafeNum2Bits: n must be at most 253 (use num2bits-strict)');
    return { out: G.toBits(x, n) };
  },
});
