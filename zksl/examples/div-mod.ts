/** Integer division with remainder: a = q·b + r, 0 ≤ r < b. */
import { G, pub, sketch, UInt, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'DivMod',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: UInt(bits), b: pub(UInt(bits)) }),
  outputs: ({ bits }) => ({ q: UInt(bits), r: UInt(bits) }),
  body: ({ a, b }, { bits }) => {
    const d = G.divMod(a, b, bits);
    return { q: d.quotient, r: d.remainder };
  },
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { a: 100, b: 7 }, outputs: { q: 14, r: 2 } },
    { inputs: { a: 255, b: 255 }, outputs: { q: 1, r: 0 } },
    { inputs: { a: 3, b: 200 }, outputs: { q: 0, r: 3 } },
  ],
  reject: [
    { inputs: { a: 5, b: 0 }, reason: 'division by zero' },
    { inputs: { a: 256, b: 3 }, reason: 'a does not fit UInt(8)' },
  ],
  forge: [
    { inputs: { a: 100, b: 7 }, outputs: { q: 13, r: 9 }, reason: 'remainder not below the divisor' },
    { inputs: { a: 100, b: 7 }, outputs: { q: 15, r: 2 }, reason: 'wrong quotient' },
  ],
};
