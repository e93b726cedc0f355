/**
 * Proves out = a AND b = a·b. Precondition: a, b ∈ {0, 1}, enforced here (both inputs are Bool,
 * so a non-boolean input is refused instead of giving a non-boolean product).
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'BoolAnd',
  params: {},
  inputs: () => ({ a: Bool, b: Bool }),
  outputs: () => ({ out: Bool }),
  body: ({ a, b }) => ({ out: a.mul(b) }),
});
