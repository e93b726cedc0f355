/**
 * Proves q = ⌊a / d⌋ and r = a mod d (a = q·d + r, 0 ≤ r < d) for unsigned a, d of `bits` bits.
 * a and d are range-checked (input types), q and r too; r < d is asserted, which refuses d = 0. bits ≤ 125.
 */
import { sketch, UInt, G } from 'zksl';

export default sketch({
  name: 'IntDivRem',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), d: UInt(bits) }),
  outputs: ({ bits }) => ({ q: UInt(bits), r: UInt(bits) }),
  body: ({ a, d }, { bits }) => {
    const { quotient, remainder } = G.divMod(a, d, bits);
    return { q: quotient, r: remainder };
  },
});
