/**
 * Proves out = a & b on n-bit unsigned words. a and b are range-checked to n bits here (their
 * bit decompositions), so a wider or "negative" input is refused; out < 2^n. Precondition: n ≤ 253.
 */
import { Field, G, sketch, UInt } from 'zksl';

export default sketch({
  name: 'BitwiseAnd',
  params: { n: 8 },
  inputs: () => ({ a: Field, b: Field }), // range-checked by G.toBits below
  outputs: ({ n }) => ({ out: UInt(n) }),
  body: ({ a, b }, { n }) => {
    if (n > 253) throw new Error('BitwiseAnd: n must be at most 253');
    const aBits = G.toBits(a, n); // n booleans recomposing to a: asserts a < 2^n
    const bBits = G.toBits(b, n);
    // one product per result bit
    return { out: G.fromBits(aBits.map((ai, i) => ai.mul(bBits[i]))) };
  },
});
