/**
 * Proves out = 1 if a ≥ b else 0 (computed as b ≤ a), for unsigned a and b range-checked to `bits` bits
 * here (UInt inputs): an input ≥ 2^bits or a "negative" p − k is refused. Precondition: bits ≤ 128.
 */
import { Bool, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'SafeGreaterEqThan',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), b: UInt(bits) }), // declared UInt: both range-checked here
  outputs: () => ({ out: Bool }),
  body: ({ a, b }, { bits }) => {
    if (bits > 128) throw new Error('SafeGreaterEqThan: bits must be at most 128');
    return { out: G.lessOrEqual(b, a, bits) };
  },
});
