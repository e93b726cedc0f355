/**
 * Sigmoid lookup: out = round(sigmoid(x/4)·2^8) for x in [−16, 15] (2 fractional bits in, 8 out).
 * Proves (x + 16, out) is an entry of a 32-entry constant table; x outside [−16, 15] is refused (clip first).
 * Rounding: to nearest (the table constants).
 */
import { Field, G, sketch } from 'zksl';

const sigmoidTable = G.defineTable({ name: 'sigmoid', size: 32, fn: (i) => Math.round(256 / (1 + Math.exp(-(i - 16) / 4))) });

export default sketch({
  name: 'SigmoidLookup',
  params: {},
  inputs: () => ({ x: Field }), // the lookup asserts x + 16 ∈ [0, 32)
  outputs: () => ({ out: Field }),
  body: ({ x }) => ({ out: G.lookup(sigmoidTable, x.add(16)) }),
});
