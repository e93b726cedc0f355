/**
 * Proves out is the canonical 254-bit little-endian decomposition of any field element x (the one
 * whose value is < p): bits boolean, Σ out[i]·2^i = x, and the aliased bits of x + p refused. No precondition.
 */
import { Arr, Bool, Field, G, H, P, Signal, sketch, witnessArray } from 'zksl';

const TWO_128 = 1n << 128n;
const MAX_HI = (P - 1n) >> 128n; // high 126-bit limb of p − 1
const MAX_LO = (P - 1n) % TWO_128; // low 128-bit limb of p − 1

export default sketch({
  name: 'Num2BitsStrict',
  params: {},
  inputs: () => ({ x: Field }),
  outputs: () => ({ out: Arr(Bool, 254) }),
  body: ({ x }) => {
    // Integer hint operators read only the low 128 bits, so G.toBits cannot reach bits ≥ 128. Hint
    // the low limb's bits directly, then the high limb as the exact quotient (x − lo) / 2^128,
    // computed with field operators, and its bits.
    const lowBits = witnessArray(Bool, 128, (i) => H.bit(x, i), 'lowBit');
    const lo = G.fromBits(lowBits);
    const high = H.mul(H.sub(x, lo), H.inv(TWO_128));
    const highBits = witnessArray(Bool, 126, (i) => H.bit(high, i), 'highBit');
    const bits = [...lowBits, ...highBits];
    G.fromBits(bits).assertEquals(x); // Σ bits·2^i = x (mod p): x and x + p both satisfy this
    // Alias check: (hi, lo) ≤ (MAX_HI, MAX_LO) lexicographically, i.e. the bits' integer value < p.
    const hi = G.fromBits(highBits); // < 2^126
    G.assertLessOrEqual(hi, MAX_HI, 126);
    const atTop = G.isEqual(hi, MAX_HI);
    G.assertRange(G.select(atTop, Signal.from(MAX_LO).sub(lo), 0), 128); // hi = MAX_HI ⇒ lo ≤ MAX_LO
    return { out: bits };
  },
});
