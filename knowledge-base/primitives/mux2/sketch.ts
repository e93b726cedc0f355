/**
 * Proves out = c[s[0] + 2·s[1]] for four arbitrary field elements and two selector bits
 * (s[0] low), both constrained boolean here (Bool input type), so a blend of inputs cannot be selected.
 */
import { sketch, Field, Bool, Arr, G } from 'zksl';

export default sketch({
  name: 'SafeMux2',
  params: {},
  inputs: () => ({ c: Arr(Field, 4), s: Arr(Bool, 2) }),
  outputs: () => ({ out: Field }),
  body: ({ c, s }) => {
    const low = G.select(s[0], c[1], c[0]);
    const high = G.select(s[0], c[3], c[2]);
    return { out: G.select(s[1], high, low) };
  },
});
