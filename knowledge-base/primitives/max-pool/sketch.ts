/**
 * 1-D max pooling, window k = stride k, no padding: out[j] = max(x[j·k], …, x[j·k + k − 1]).
 * Preconditions: n a multiple of k; every x[i] is range-checked to SInt(bits). Exact (no rounding).
 */
import { Arr, G, SInt, sketch } from 'zksl';

export default sketch({
  name: 'MaxPool1D',
  params: { n: 4, k: 2, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(SInt(bits), n) }),
  outputs: ({ n, k, bits }) => ({ out: Arr(SInt(bits), Math.floor(n / k)) }),
  body: ({ x }, { n, k, bits }) => {
    if (n % k !== 0) throw new Error('MaxPool1D: n must be a multiple of k');
    const out = Array.from({ length: n / k }, (_, j) => G.max(x.slice(j * k, j * k + k), { bits, signed: true }));
    return { out };
  },
});
