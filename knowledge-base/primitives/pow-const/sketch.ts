/**
 * Proves out = x^e mod p for a constant exponent e ≥ 2 by left-to-right square-and-multiply
 * (⌊log2 e⌋ squarings + popcount(e) − 1 products; x^5 costs 3). No range check: any field element x.
 */
import { sketch, Field } from 'zksl';

export default sketch({
  name: 'PowConst',
  params: { e: 5 },
  inputs: () => ({ x: Field }),
  outputs: () => ({ out: Field }),
  body: ({ x }, { e }) => {
    if (!Number.isInteger(e) || e < 2) throw new Error('PowConst needs a constant e >= 2');
    const bits = e.toString(2); // most significant bit first; the leading 1 is x itself
    let acc = x;
    for (let i = 1; i < bits.length; i++) {
      acc = acc.square();
      if (bits[i] === '1') acc = acc.mul(x);
    }
    return { out: acc };
  },
});
