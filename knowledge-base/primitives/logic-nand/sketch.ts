/**
 * Proves out = a NAND b = 1 − a·b. Precondition: a, b ∈ {0, 1}, enforced here (both inputs are
 * Bool, so e.g. a = 2, b = 1 is refused instead of giving p − 1).
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'BoolNand',
  params: {},
  inputs: () => ({ a: Bool, b: Bool }),
  outputs: () => ({ out: Bool }),
  body: ({ a, b }) => ({ out: a.mul(b).neg().add(1) }),
});
