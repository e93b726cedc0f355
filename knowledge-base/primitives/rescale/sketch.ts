/**
 * Rescale: out = floor(x / 2^k) for signed x in SInt(bits) (an arithmetic shift: −1 → −1, −17 → −2 for k = 4).
 * Proves x = out·2^k + r with r ∈ [0, 2^k) and out ∈ SInt(bits − k), which also proves x ∈ SInt(bits).
 * Rounding: floor toward −∞ (not G.rescale's round-to-nearest).
 */
import { Field, H, SInt, UInt, sketch, witness } from 'zksl';

export default sketch({
  name: 'Rescale',
  params: { bits: 16, k: 4 },
  inputs: () => ({ x: Field }), // pinned to SInt(bits) by the identity below
  outputs: ({ bits, k }) => ({ out: SInt(bits - k) }),
  body: ({ x }, { bits, k }) => {
    const half = 1n << BigInt(bits - 1);
    const unit = 1n << BigInt(k);
    const shifted = H.add(x, half); // offset so the integer hints floor negatives too
    const out = witness(SInt(bits - k), H.sub(H.shr(shifted, k), half >> BigInt(k)), 'out');
    const r = witness(UInt(k), H.mod(shifted, unit), 'r');
    out.scale(unit).add(r).assertEquals(x, 'x = out·2^k + r');
    return { out };
  },
});
