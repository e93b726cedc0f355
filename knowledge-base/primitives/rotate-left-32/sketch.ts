/**
 * Proves out = rotl32(x, r) = ((x << r) | (x >> (32 − r))) mod 2^32 for a 32-bit word x, which is
 * range-checked here (its bit decomposition); out < 2^32. Precondition: 0 ≤ r < 32 (constant).
 */
import { Field, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'RotateLeft32',
  params: { r: 7 },
  inputs: () => ({ x: Field }), // range-checked by G.toBits below
  outputs: () => ({ out: UInt(32) }),
  body: ({ x }, { r }) => {
    if (!Number.isInteger(r) || r < 0 || r >= 32) throw new Error('RotateLeft32: r must be in 0..31');
    const bits = G.toBits(x, 32); // asserts x < 2^32
    // bit i moves to position (i + r) mod 32: a free re-weighting of the same bits
    const rotated = bits.map((_, j) => bits[(j - r + 32) % 32]);
    return { out: G.fromBits(rotated) };
  },
});
