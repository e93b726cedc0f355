/**
 * Proves 0 ≤ x < 2^bits (x as an unsigned integer: a "negative" p − k is refused) and outputs the
 * checked value as out. Precondition: bits ≤ 253 so the bit decomposition cannot alias.
 */
import { Field, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'RangeCheck',
  params: { bits: 8 },
  inputs: () => ({ x: Field }),
  outputs: ({ bits }) => ({ out: UInt(bits) }),
  body: ({ x }, { bits }) => {
    if (bits > 253) throw new Error('RangeCheck: bits must be at most 253');
    const xBits = G.toBits(x, bits); // bits boolean and recomposing to x: asserts x < 2^bits
    // out is rebuilt from the bits rather than `G.assertRange(x, bits); out: x`: the Circom lowering
    // of an output equal to an input (`out <== x`) is merged away by circom --O1.
    return { out: G.fromBits(xBits) };
  },
});
