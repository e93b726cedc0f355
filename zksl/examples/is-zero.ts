/** Zero test on a 16-bit value: z = 1 iff x = 0 (x is range-checked, so inputs outside UInt(16) are refused). */
import { Bool, G, UInt, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'IsZero',
  params: {},
  inputs: () => ({ x: UInt(16) }),
  outputs: () => ({ z: Bool }),
  body: ({ x }) => ({ z: G.isZero(x) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { x: 0 }, outputs: { z: 1 } },
    { inputs: { x: 42 }, outputs: { z: 0 } },
    { inputs: { x: 65535 }, outputs: { z: 0 } },
  ],
  reject: [
    { inputs: { x: 65536 }, reason: 'x is not a 16-bit value' },
    { inputs: { x: -1 }, reason: 'x = p - 1 is not a 16-bit value' },
  ],
  forge: [
    { inputs: { x: 0 }, outputs: { z: 0 }, reason: 'zero reported as non-zero' },
    { inputs: { x: 9 }, outputs: { z: 1 }, reason: 'non-zero reported as zero' },
  ],
};
