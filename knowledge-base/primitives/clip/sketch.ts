/**
 * Clip (saturate): out = min(max(x, lo), hi) for x, lo, hi in SInt(bits), all range-checked.
 * Precondition lo ≤ hi is enforced (hi − lo range-checked to [0, 2^bits)). Exact (no rounding);
 * ReLU6, hard tanh, int8 saturation.
 */
import { G, SInt, sketch } from 'zksl';

export default sketch({
  name: 'Clip',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ x: SInt(bits), lo: SInt(bits), hi: SInt(bits) }),
  outputs: ({ bits }) => ({ out: SInt(bits) }),
  body: ({ x, lo, hi }, { bits }) => {
    G.assertLessOrEqual(lo, hi, bits); // range(hi − lo, bits): lo ≤ hi for SInt(bits) values
    const options = { bits, signed: true };
    return { out: G.min([G.max([x, lo], options), hi], options) };
  },
});
