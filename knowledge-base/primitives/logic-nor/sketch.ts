/**
 * Proves out = a NOR b = 1 − a − b + a·b. Precondition: a, b ∈ {0, 1}, enforced here (both
 * inputs are Bool, so e.g. a = b = 2 is refused instead of giving 1).
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'BoolNor',
  params: {},
  inputs: () => ({ a: Bool, b: Bool }),
  outputs: () => ({ out: Bool }),
  body: ({ a, b }) => ({ out: a.mul(b).add(1).sub(a).sub(b) }),
});
