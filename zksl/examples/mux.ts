/** Multiplexer: out = values[index], index asserted to be in range. */
import { Arr, Field, G, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'Mux',
  params: { n: 4 },
  inputs: ({ n }) => ({ values: Arr(Field, n), index: Field }),
  outputs: () => ({ out: Field }),
  body: ({ values, index }) => ({ out: G.mux(index, values) }),
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { values: [10, 20, 30, 40], index: 2 }, outputs: { out: 30 } },
    { inputs: { values: [10, 20, 30, 40], index: 0 }, outputs: { out: 10 } },
  ],
  reject: [
    { inputs: { values: [10, 20, 30, 40], index: 4 }, reason: 'index out of range' },
    { inputs: { values: [10, 20, 30], index: 0 }, reason: 'wrong array length' },
  ],
  forge: [{ inputs: { values: [10, 20, 30, 40], index: 2 }, outputs: { out: 20 }, reason: 'neighbouring element' }],
};
