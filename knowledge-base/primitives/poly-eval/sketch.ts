/**
 * Proves out = c[0] + c[1]·x + … + c[n−1]·x^(n−1) mod p by Horner's rule (n − 1 products),
 * c[0] the constant term. No range check: arbitrary field elements, wraps mod p. Precondition: n ≥ 2.
 */
import { sketch, Field, Arr } from 'zksl';

export default sketch({
  name: 'PolyEval',
  params: { n: 4 },
  inputs: ({ n }) => ({ c: Arr(Field, n), x: Field }),
  outputs: () => ({ out: Field }),
  body: ({ c, x }, { n }) => {
    if (n < 2) throw new Error('PolyEval needs n >= 2');
    let acc = c[n - 1];
    for (let i = n - 2; i >= 0; i--) acc = acc.mul(x).add(c[i]); // acc·x + c[i]
    return { out: acc };
  },
});
