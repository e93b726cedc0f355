/** Zero test: z = 1 iff x = 0. */
import { Bool, Field, G, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'IsZero',
  params: {},
  inputs: () => ({ x: Field }),
  outputs: () => ({ z: Bool }),
  body: ({ x }) => ({ z: G.isZero(x) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { x: 0 }, outputs: { z: 1 } },
    { inputs: { x: 42 }, outputs: { z: 0 } },
    { inputs: { x: -1 }, outputs: { z: 0 } },
  ],
  reject: [{ inputs: { x: 'zero' }, reason: 'not a number' }],
  forge: [
    { inputs: { x: 0 }, outputs: { z: 0 }, reason: 'zero reported as non-zero' },
    { inputs: { x: 9 }, outputs: { z: 1 }, reason: 'non-zero reported as zero' },
  ],
};
