/** ReLU over a vector of SInt(bits). */
import { Arr, G, SInt, sketch, type TestVectors } from '../runtime.js';

export default sketch({
  name: 'ReluVector',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ xs: Arr(SInt(bits), n) }),
  outputs: ({ n, bits }) => ({ ys: Arr(SInt(bits), n) }),
  body: ({ xs }, { bits }) => ({ ys: xs.map((x) => G.relu(x, bits)) }),
});

export const vectors: TestVectors = {
  accept: [{ inputs: { xs: [-5, 0, 7, -128] }, outputs: { ys: [0, 0, 7, 0] } }],
  reject: [{ inputs: { xs: [-5, 0, 7, 200] }, reason: '200 does not fit SInt(8)' }],
  forge: [
    { inputs: { xs: [-5, 0, 7, -128] }, outputs: { ys: [-5, 0, 7, 0] }, reason: 'negative passed through' },
    { inputs: { xs: [-5, 0, 7, -128] }, outputs: { ys: [0, 0, 0, 0] }, reason: 'positive zeroed' },
  ],
};
