/**
 * Exp lookup: out = round(exp(x/2)·2^12) for x in [−15, 0] (1 fractional bit in, 12 out).
 * Proves (−x, out) is an entry of a 16-entry constant table; any x outside [−15, 0] is refused.
 * Rounding: to nearest (the table constants). Larger domains: split −x into digits (see softmax).
 */
import { Field, G, sketch } from 'zksl';

const expTable = G.defineTable({ name: 'exp', size: 16, fn: (i) => Math.round(4096 * Math.exp(-i / 2)) });

export default sketch({
  name: 'ExpLookup',
  params: {},
  inputs: () => ({ x: Field }), // the lookup asserts −x ∈ [0, 16)
  outputs: () => ({ out: Field }),
  body: ({ x }) => ({ out: G.lookup(expTable, x.neg()) }),
});
