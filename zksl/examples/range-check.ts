/** Range check: a field element is below 2^bits. */
import { Field, G, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'RangeCheck',
  params: { bits: 8 },
  inputs: () => ({ x: Field }),
  outputs: () => ({ y: Field }),
  body: ({ x }, { bits }) => {
    G.assertRange(x, bits);
    return { y: x.add(1) };
  },
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { x: 0 }, outputs: { y: 1 } },
    { inputs: { x: 255 }, outputs: { y: 256 } },
  ],
  reject: [
    { inputs: { x: 256 }, reason: 'just above the range' },
    { inputs: { x: -1 }, reason: 'p − 1 is huge' },
  ],
  forge: [{ inputs: { x: 7 }, outputs: { y: 9 }, reason: 'y must be x + 1' }],
};
