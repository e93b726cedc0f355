/**
 * Proves out = x^(−1) in the field (x·out = 1). Precondition: x ≠ 0, enforced by the same
 * constraint (0·out = 1 has no solution). No range check: x is any non-zero field element.
 */
import { sketch, Field, witness, H } from 'zksl';

export default sketch({
  name: 'FieldInverse',
  params: {},
  inputs: () => ({ x: Field }),
  outputs: () => ({ out: Field }),
  body: ({ x }) => {
    const out = witness(Field, H.inv(x), 'inverse'); // hint: inv(0) = 0 ...
    x.assertMul(out, 1);                               // ... pinned (and x = 0 refused) by x·out = 1
    return { out };
  },
});
