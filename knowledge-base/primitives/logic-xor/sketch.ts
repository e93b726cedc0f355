/**
 * Proves out = a XOR b = a + b − 2·a·b. Precondition: a, b ∈ {0, 1}, enforced here (both inputs
 * are Bool, so e.g. a = 2, b = 0 is refused instead of giving 2).
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'BoolXor',
  params: {},
  inputs: () => ({ a: Bool, b: Bool }),
  outputs: () => ({ out: Bool }),
  body: ({ a, b }) => ({ out: a.add(b).sub(a.mul(b).scale(2)) }),
});
