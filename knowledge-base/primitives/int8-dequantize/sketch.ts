/**
 * int8 dequantization with a power-of-two scale: out = (q − zero_point)·2^shift, q and zero_point in SInt(8)
 * (both range-checked); out is SInt(9 + shift). Exact (no rounding). Inverse of int8-quantize up to its
 * rounding and saturation.
 */
import { SInt, sketch } from 'zksl';

export default sketch({
  name: 'Int8Dequantize',
  params: { shift: 4 },
  inputs: () => ({ q: SInt(8), zero_point: SInt(8) }),
  outputs: ({ shift }) => ({ out: SInt(9 + shift) }),
  body: ({ q, zero_point }, { shift }) => ({ out: q.sub(zero_point).scale(1n << BigInt(shift)) }),
});
