/** Table lookup: y = round(256 · exp(−x/4)) for x in [0, 16). */
import { G, sketch, UInt, type TestVectors } from '../runtime.js';

export const expTable = G.defineTable({ name: 'exp', size: 16, fn: (x) => Math.round(256 * Math.exp(-x / 4)) });

export default sketch({
  name: 'ExpLookup',
  params: {},
  inputs: () => ({ x: UInt(4) }),
  outputs: () => ({ y: UInt(9) }),
  body: ({ x }) => ({ y: G.lookup(expTable, x) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { x: 0 }, outputs: { y: 256 } },
    { inputs: { x: 4 }, outputs: { y: 94 } },
    { inputs: { x: 15 }, outputs: { y: 6 } },
  ],
  reject: [{ inputs: { x: 16 }, reason: 'outside the table domain' }],
  forge: [
    { inputs: { x: 4 }, outputs: { y: 95 }, reason: 'not a table value' },
    { inputs: { x: 4 }, outputs: { y: 256 }, reason: 'the value of another table entry' },
  ],
};
