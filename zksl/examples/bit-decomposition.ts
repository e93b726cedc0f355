/** Bit decomposition: the little-endian bits of x, which must fit in n bits. */
import { Arr, Bool, Field, G, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'BitDecomposition',
  params: { n: 8 },
  inputs: () => ({ x: Field }),
  outputs: ({ n }) => ({ bits: Arr(Bool, n) }),
  body: ({ x }, { n }) => ({ bits: G.toBits(x, n) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { x: 5 }, outputs: { bits: [1, 0, 1, 0, 0, 0, 0, 0] } },
    { inputs: { x: 255 }, outputs: { bits: [1, 1, 1, 1, 1, 1, 1, 1] } },
  ],
  reject: [{ inputs: { x: 256 }, reason: 'needs 9 bits' }],
  forge: [
    { inputs: { x: 5 }, outputs: { bits: [0, 1, 1, 0, 0, 0, 0, 0] }, reason: 'bits of 6, not 5' },
    { inputs: { x: 1 }, outputs: { bits: [-1, 1, 0, 0, 0, 0, 0, 0] }, reason: 'non-boolean digits that still sum to 1' },
  ],
};
