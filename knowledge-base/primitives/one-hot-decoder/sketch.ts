/**
 * Proves out is the one-hot encoding of index (out[i] = 1 iff i = index). Every out[i] is
 * boolean, Σ out[i] = 1 and Σ i·out[i] = index, which also refuses an index outside [0, n).
 */
import { sketch, Field, Bool, Arr, witnessArray, sum, H } from 'zksl';

export default sketch({
  name: 'OneHotDecoder',
  params: { n: 4 },
  inputs: () => ({ index: Field }),
  outputs: ({ n }) => ({ out: Arr(Bool, n) }),
  body: ({ index }, { n }) => {
    const out = witnessArray(Bool, n, (i) => H.isZero(H.sub(index, i)), 'hot'); // booleanity by the type
    sum(out).assertEquals(1, 'exactly one hot entry');
    sum(out.map((o, i) => o.scale(i))).assertEquals(index, 'hot position = index');
    return { out };
  },
});
