/** Signed comparison: lt = 1 iff a < b for a, b in SInt(bits). */
import { Bool, G, SInt, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'LessThanSigned',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ a: SInt(bits), b: SInt(bits) }),
  outputs: () => ({ lt: Bool }),
  body: ({ a, b }, { bits }) => ({ lt: G.lessThanSigned(a, b, bits) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { a: -3, b: 2 }, outputs: { lt: 1 } },
    { inputs: { a: 5, b: -128 }, outputs: { lt: 0 } },
    { inputs: { a: -7, b: -7 }, outputs: { lt: 0 } },
  ],
  reject: [{ inputs: { a: 128, b: 0 }, reason: 'a does not fit SInt(8)' }],
  forge: [
    { inputs: { a: -3, b: 2 }, outputs: { lt: 0 }, reason: 'flipped result' },
    { inputs: { a: 127, b: -128 }, outputs: { lt: 1 }, reason: 'extremes flipped' },
  ],
};
