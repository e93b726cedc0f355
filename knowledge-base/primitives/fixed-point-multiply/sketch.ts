/**
 * Fixed-point multiply: out = floor(a·b / 2^frac) for a, b, out in SInt(bits) with frac fractional bits.
 * Proves a·b = out·2^frac + r with r ∈ [0, 2^frac) and out ∈ SInt(bits): an overflowing product is refused.
 * Rounding: floor toward −∞ (−1 ulp · 0.5 = −1 ulp), not G.fixedMul's round-to-nearest.
 */
import { H, SInt, UInt, sketch, witness } from 'zksl';

export default sketch({
  name: 'FixedPointMul',
  params: { bits: 16, frac: 8 },
  inputs: ({ bits }) => ({ a: SInt(bits), b: SInt(bits) }),
  outputs: ({ bits }) => ({ out: SInt(bits) }),
  body: ({ a, b }, { bits, frac }) => {
    const product = a.mul(b);
    const offset = 1n << BigInt(2 * bits - 1); // makes the signed product non-negative for the hints
    const unit = 1n << BigInt(frac);
    const shifted = H.add(product, offset);
    const out = witness(SInt(bits), H.sub(H.shr(shifted, frac), offset >> BigInt(frac)), 'out');
    const r = witness(UInt(frac), H.mod(shifted, unit), 'r');
    out.scale(unit).add(r).assertEquals(product, 'a·b = out·2^frac + r');
    return { out };
  },
});
