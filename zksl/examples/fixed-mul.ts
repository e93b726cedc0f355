/** Fixed-point multiply with rescale: Fixed(16, 8) · Fixed(16, 8), rounded to nearest (ties up). */
import { Fixed, G, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'FixedMul',
  params: { bits: 16, scale: 8 },
  inputs: ({ bits, scale }) => ({ a: Fixed(bits, scale), b: Fixed(bits, scale) }),
  outputs: ({ bits, scale }) => ({ c: Fixed(bits, scale) }),
  body: ({ a, b }, { bits, scale }) => ({ c: G.fixedMul(a, b, { bits, scale }) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { a: 384, b: 512 }, outputs: { c: 768 } },
    { inputs: { a: -384, b: 512 }, outputs: { c: -768 } },
    { inputs: { a: 1, b: 128 }, outputs: { c: 1 } },
    { inputs: { a: -1, b: 128 }, outputs: { c: 0 } },
  ],
  reject: [{ inputs: { a: 32767, b: 512 }, reason: 'product overflows Fixed(16, 8)' }],
  forge: [
    { inputs: { a: 384, b: 512 }, outputs: { c: 769 }, reason: 'off by one ulp' },
    { inputs: { a: 384, b: 512 }, outputs: { c: 767 }, reason: 'off by one ulp down' },
  ],
};
