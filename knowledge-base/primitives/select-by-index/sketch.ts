/**
 * Proves out = x[index] for arbitrary field elements x[i] and index in [0, n): the index is bound
 * to a one-hot selector (boolean, sum 1, position = index), which refuses an index outside [0, n).
 */
import { sketch, Field, Arr, G } from 'zksl';

export default sketch({
  name: 'SelectByIndex',
  params: { n: 4 },
  inputs: ({ n }) => ({ x: Arr(Field, n), index: Field }),
  outputs: () => ({ out: Field }),
  body: ({ x, index }) => ({ out: G.mux(index, x) }),
});
