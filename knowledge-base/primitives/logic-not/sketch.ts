/**
 * Proves out = NOT a = 1 − a. Precondition: a ∈ {0, 1}, enforced here (a is Bool, so a = 2 is
 * refused instead of giving p − 1).
 */
import { Bool, sketch } from 'zksl';

export default sketch({
  name: 'BoolNot',
  params: {},
  inputs: () => ({ a: Bool }),
  outputs: () => ({ out: Bool }),
  body: ({ a }) => ({ out: a.neg().add(1) }),
});
