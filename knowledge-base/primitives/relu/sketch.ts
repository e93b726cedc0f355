/**
 * ReLU: out = max(x, 0) for signed x in SInt(bits) (range-checked; negatives are p − |x|).
 * The sign comes from a range-checked comparison, so x is proven to be SInt(bits). Exact (no rounding);
 * works unchanged on fixed-point values.
 */
import { G, SInt, sketch } from 'zksl';

export default sketch({
  name: 'ReLU',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ x: SInt(bits) }),
  outputs: ({ bits }) => ({ out: SInt(bits) }),
  body: ({ x }, { bits }) => ({ out: G.relu(x, bits) }),
});
