/** Maximum and argmax (first occurrence) of signed values. */
import { Arr, Field, G, SInt, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'ArgMax',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ xs: Arr(SInt(bits), n) }),
  outputs: ({ bits }) => ({ max: SInt(bits), index: Field }),
  body: ({ xs }, { bits }) => {
    const best = G.argmax(xs, { bits, signed: true });
    return { max: best.max, index: best.index };
  },
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { xs: [3, -9, 12, 5] }, outputs: { max: 12, index: 2 } },
    { inputs: { xs: [-4, -4, -8, -100] }, outputs: { max: -4, index: 0 } },
  ],
  reject: [{ inputs: { xs: [3, -9, 12, 128] }, reason: '128 does not fit SInt(8)' }],
  forge: [
    { inputs: { xs: [3, -9, 12, 5] }, outputs: { max: 5, index: 3 }, reason: 'second largest' },
    { inputs: { xs: [3, -9, 12, 5] }, outputs: { index: 1 }, reason: 'index of another element' },
  ],
};
