/**
 * Proves out = Σ bits[i]·2^i for n little-endian bits, each checked boolean here (Bool inputs).
 * Precondition: n ≤ 253, so the sum stays below p and out < 2^n exactly.
 */
import { Arr, Bool, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'SafeBits2Num',
  params: { n: 8 },
  inputs: ({ n }) => ({ bits: Arr(Bool, n) }), // declared Bool: booleanity is checked per bit
  outputs: ({ n }) => ({ out: UInt(n) }),
  body: ({ bits }, { n }) => {
    if (n > 253) throw new Error('SafeBits2Num: n must be at most 253');
    return { out: G.fromBits(bits) };
  },
});
