/**
 * Softmax over a short vector of SInt(8) logits with temperature 4, probabilities scaled by 2^8.
 * exp(−d/4) for d = max − x in [0, 256) is looked up digit by digit (zkLLM tlookup):
 * exp(−(16h + l)/4) = exp(−4h) · exp(−l/4), two 16-entry tables instead of one of 256.
 */
import { Arr, G, SInt, sketch, UInt, type TestVectors } from '../runtime.js';

const expLow = G.defineTable({ name: 'exp_low', size: 16, fn: (l) => Math.round(256 * Math.exp(-l / 4)) });
const expHigh = G.defineTable({ name: 'exp_high', size: 16, fn: (h) => Math.round(256 * Math.exp(-4 * h)) });

export default sketch({
  name: 'Softmax',
  params: { n: 4 },
  inputs: ({ n }) => ({ xs: Arr(SInt(8), n) }),
  outputs: ({ n }) => ({ probs: Arr(UInt(9), n) }),
  body: ({ xs }) => {
    const top = G.max(xs, { bits: 8, signed: true });
    const weights = xs.map((x) => {
      const [low, high] = G.toDigits(top.sub(x), 4, 2);
      const scaled = G.lookup(expHigh, high).mul(G.lookup(expLow, low));
      return G.rescale(scaled, { inBits: 18, outBits: 10, shift: 8 });
    });
    const total = G.sum(weights);
    // probability = floor(256 · w / total); total ≥ 256 because the maximum has weight 256
    const probs = weights.map((w) => G.divMod(w.scale(256), total, 18).quotient);
    return { probs };
  },
});

export const vectors: TestVectors = {
  accept: [
    { inputs: { xs: [0, 0, 0, 0] }, outputs: { probs: [64, 64, 64, 64] } },
    { inputs: { xs: [8, 0, -128, 127] } },
  ],
  reject: [{ inputs: { xs: [0, 0, 0, 300] }, reason: '300 does not fit SInt(8)' }],
  forge: [
    { inputs: { xs: [0, 0, 0, 0] }, outputs: { probs: [65, 64, 64, 63] }, reason: 'mass moved between entries' },
    { inputs: { xs: [4, 0, 0, 0] }, outputs: { probs: [0, 0, 0, 0] }, reason: 'all zero' },
  ],
};
