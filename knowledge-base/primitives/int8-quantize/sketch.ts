/**
 * int8 quantization with a power-of-two scale: out = clamp(round(x / 2^shift) + zero_point, −128, 127),
 * x in SInt(bits) and zero_point in SInt(8), both range-checked. Rounding: half up, floor(y + 1/2)
 * (2.5 → 3, −2.5 → −2): x + 2^(shift−1) = q·2^shift + r, r ∈ [0, 2^shift), q ∈ SInt(bits − shift + 1).
 */
import { G, H, SInt, UInt, sketch, witness } from 'zksl';

export default sketch({
  name: 'Int8Quantize',
  params: { bits: 16, shift: 4 },
  inputs: ({ bits }) => ({ x: SInt(bits), zero_point: SInt(8) }),
  outputs: () => ({ out: SInt(8) }),
  body: ({ x, zero_point }, { bits, shift }) => {
    const half = 1n << BigInt(bits - 1);
    const unit = 1n << BigInt(shift);
    const biased = x.add(1n << BigInt(shift - 1));
    const shifted = H.add(biased, half); // offset so the integer hints floor negatives too
    const q = witness(SInt(bits - shift + 1), H.sub(H.shr(shifted, shift), half >> BigInt(shift)), 'q');
    const r = witness(UInt(shift), H.mod(shifted, unit), 'r');
    q.scale(unit).add(r).assertEquals(biased, 'x + 2^(shift−1) = q·2^shift + r');
    // v = q + zero_point is SInt(W); saturate with range-checked signed comparisons
    const v = q.add(zero_point);
    const options = { bits: Math.max(bits - shift + 2, 9), signed: true };
    return { out: G.min([G.max([v, -128], options), 127], options) };
  },
});
