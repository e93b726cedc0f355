/**
 * Proves out = c[s] for two arbitrary field elements c[0], c[1] and a selector s that is
 * constrained boolean here (the Bool input type), so s = 2 (circomlib Mux1's 2·c[1] − c[0]) is refused.
 */
import { sketch, Field, Bool, Arr, G } from 'zksl';

export default sketch({
  name: 'SafeMux1',
  params: {},
  inputs: () => ({ c: Arr(Field, 2), s: Bool }),
  outputs: () => ({ out: Field }),
  body: ({ c, s }) => ({ out: G.select(s, c[1], c[0]) }),
});
