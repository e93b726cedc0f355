/**
 * Proves x ∈ {0, 1} (x·(x − 1) = 0, the Bool input check) and outputs the checked value as out.
 * No precondition: any other field element, including p − 1 and 1/2, is refused.
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'AssertBool',
  params: {},
  inputs: () => ({ x: Bool }), // declared Bool: booleanity is checked on the input
  outputs: () => ({ out: Bool }),
  // out = x·x = x for boolean x. A plain `out: x` lowers to the Circom equality `out <== x`, which
  // circom's --O1 merges with the input (the lowered circuit then has no input x).
  body: ({ x }) => ({ out: x.mul(x) }),
});
