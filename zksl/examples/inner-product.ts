/** Inner product of two signed vectors. */
import { Arr, Field, G, SInt, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'InnerProduct',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ a: Arr(SInt(bits), n), b: Arr(SInt(bits), n) }),
  outputs: () => ({ y: Field }),
  body: ({ a, b }) => ({ y: G.innerProduct(a, b) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { a: [1, 2, 3, 4], b: [5, 6, 7, 8] }, outputs: { y: 70 } },
    { inputs: { a: [-1, 2, -3, 4], b: [5, 6, 7, -8] }, outputs: { y: -46 } },
  ],
  reject: [{ inputs: { a: [1, 2, 3, 400], b: [5, 6, 7, 8] }, reason: '400 does not fit SInt(8)' }],
  forge: [{ inputs: { a: [1, 2, 3, 4], b: [5, 6, 7, 8] }, outputs: { y: 71 }, reason: 'off by one' }],
};
