/**
 * Proves out = 1 if lo ≤ x ≤ hi (inclusive) else 0, for unsigned x, lo, hi range-checked to `bits`
 * bits here (UInt inputs); lo > hi gives 0. Precondition: bits ≤ 128. To assert membership, require out = 1.
 */
import { Bool, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'InRange',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ x: UInt(bits), lo: UInt(bits), hi: UInt(bits) }), // all range-checked here
  outputs: () => ({ out: Bool }),
  body: ({ x, lo, hi }, { bits }) => {
    if (bits > 128) throw new Error('InRange: bits must be at most 128');
    const aboveLo = G.lessOrEqual(lo, x, bits);
    const belowHi = G.lessOrEqual(x, hi, bits);
    return { out: aboveLo.mul(belowHi) }; // product of two booleans
  },
});
