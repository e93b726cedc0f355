/**
 * Proves out = 1 if x = 0 else 0, for any field element x (no precondition): an inverse hint pinned
 * by out = 1 − x·inv and x·out = 0, so neither answer can be forged.
 */
import { Bool, Field, G, sketch } from 'zksl';

export default sketch({
  name: 'IsZeroChecked',
  params: {},
  inputs: () => ({ x: Field }),
  outputs: () => ({ out: Bool }),
  body: ({ x }) => ({ out: G.isZero(x) }),
});
