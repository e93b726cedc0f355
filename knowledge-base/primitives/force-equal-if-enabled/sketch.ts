/**
 * Proves a = b whenever enabled = 1 (a, b free when enabled = 0), and outputs out = 1 if a = b else 0.
 * enabled is checked boolean here (Bool input); a and b are any field elements.
 */
import { Bool, Field, G, sketch } from 'zksl';

export default sketch({
  name: 'ForceEqualIfEnabledChecked',
  params: {},
  inputs: () => ({ enabled: Bool, a: Field, b: Field }),
  outputs: () => ({ out: Bool }),
  body: ({ enabled, a, b }) => {
    const equal = G.isEqual(a, b); // inverse hint pinned by both IsZero constraints
    equal.neg().add(1).assertMul(enabled, 0); // (1 − equal)·enabled = 0
    return { out: equal };
  },
});
