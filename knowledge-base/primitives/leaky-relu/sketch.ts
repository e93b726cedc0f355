/**
 * LeakyReLU: out = x for x ≥ 0, out = floor(slope·x / 2^frac) for x < 0; x in SInt(bits) (range-checked),
 * slope / 2^frac a constant in [0, 1) (default 26/256 ≈ 0.1). Rounding: floor toward −∞ (−10 → −2):
 * slope·x = q·2^frac + r with r ∈ [0, 2^frac) and q ∈ SInt(bits).
 */
import { G, H, SInt, UInt, sketch, witness } from 'zksl';

export default sketch({
  name: 'LeakyReLU',
  params: { bits: 8, slope: 26, frac: 8 },
  inputs: ({ bits }) => ({ x: SInt(bits) }),
  outputs: ({ bits }) => ({ out: SInt(bits) }),
  body: ({ x }, { bits, slope, frac }) => {
    if (slope < 0 || slope >= 2 ** frac) throw new Error('LeakyReLU: needs 0 ≤ slope < 2^frac');
    const half = 1n << BigInt(bits - 1);
    const unit = 1n << BigInt(frac);
    const scaled = x.scale(slope);
    const offset = half * unit; // ≥ |slope·x| and a multiple of 2^frac, so the integer hints floor negatives
    const q = witness(SInt(bits), H.sub(H.shr(H.add(scaled, offset), frac), half), 'q');
    const r = witness(UInt(frac), H.mod(H.add(scaled, offset), unit), 'r');
    q.scale(unit).add(r).assertEquals(scaled, 'slope·x = q·2^frac + r');
    const negative = G.isNegative(x, bits);
    return { out: G.select(negative, q, x) };
  },
});
