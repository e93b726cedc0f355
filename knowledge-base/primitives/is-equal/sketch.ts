/**
 * Proves out = 1 if a = b else 0, for any field elements a and b (no precondition): IsZero(a − b)
 * with the inverse hint pinned by both constraints.
 */
import { Bool, Field, G, sketch } from 'zksl';

export default sketch({
  name: 'IsEqualChecked',
  params: {},
  inputs: () => ({ a: Field, b: Field }),
  outputs: () => ({ out: Bool }),
  body: ({ a, b }) => ({ out: G.isEqual(a, b) }),
});
