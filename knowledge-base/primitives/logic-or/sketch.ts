/**
 * Proves out = a OR b = a + b − a·b. Precondition: a, b ∈ {0, 1}, enforced here (both inputs are
 * Bool, so e.g. a = b = 2 is refused instead of giving 0).
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'BoolOr',
  params: {},
  inputs: () => ({ a: Bool, b: Bool }),
  outputs: () => ({ out: Bool }),
  body: ({ a, b }) => ({ out: a.add(b).sub(a.mul(b)) }),
});
