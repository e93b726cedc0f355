/**
 * GELU lookup: out = round(GELU(x/4)·2^8) for x in [−16, 15], exact GELU(v) = v·Φ(v) (not the tanh form);
 * signed output (negatives p − |v|). Proves (x + 16, out) is an entry of a 32-entry constant table;
 * x outside [−16, 15] is refused. Rounding: to nearest (the table constants).
 */
import { Field, G, sketch } from 'zksl';

// round(256 · GELU((i − 16) / 4)) for i = 0..31 (the Circom constants; JS has no Math.erf)
const GELU = [0, 0, 0, 0, -1, -2, -4, -7, -12, -18, -26, -34, -41, -44, -39, -26, 0, 38, 89, 148, 215, 286, 358, 430, 500, 569, 636, 702, 767, 832, 896, 960];
const geluTable = G.defineTable({ name: 'gelu', size: 32, fn: (i) => GELU[i] });

export default sketch({
  name: 'GeluLookup',
  params: {},
  inputs: () => ({ x: Field }), // the lookup asserts x + 16 ∈ [0, 32)
  outputs: () => ({ out: Field }),
  body: ({ x }) => ({ out: G.lookup(geluTable, x.add(16)) }),
});
