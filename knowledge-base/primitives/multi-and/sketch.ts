/**
 * Proves out = a[0] AND … AND a[n−1] (1 iff every input is 1). Precondition: every a[i] ∈ {0, 1},
 * enforced here (Bool inputs); then Σa ≤ n < p, so out = IsZero(n − Σa) (n + 2 constraints).
 */
import { Arr, Bool, G, sketch, sum } from 'zksl';

export default sketch({
  name: 'MultiAndBool',
  params: { n: 4 },
  inputs: ({ n }) => ({ a: Arr(Bool, n) }),
  outputs: () => ({ out: Bool }),
  body: ({ a }, { n }) => ({ out: G.isEqual(sum(a), n) }),
});
