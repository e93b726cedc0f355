/**
 * Proves out = |x| for a signed x in SInt(bits) (a negative v is the field element p − |v|);
 * out ∈ [0, 2^(bits−1)]. Precondition enforced: x is range-checked to SInt(bits) (the input type),
 * so an x outside [−2^(bits−1), 2^(bits−1)) is refused and the negated output p − |x| cannot be claimed.
 */
import { sketch, SInt, UInt, G } from 'zksl';

export default sketch({
  name: 'AbsSigned',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ x: SInt(bits) }),
  outputs: ({ bits }) => ({ out: UInt(bits) }),
  body: ({ x }, { bits }) => {
    const negative = G.isNegative(x, bits); // range-checked comparison with 0
    return { out: G.select(negative, x.neg(), x) };
  },
});
