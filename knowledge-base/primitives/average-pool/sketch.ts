/**
 * 1-D average pooling, window k = stride k, no padding: out[j] = floor(Σ window / k), x[i] in SInt(bits).
 * Preconditions: n a multiple of k (k need not be a power of two); every x[i] is range-checked.
 * Rounding: floor toward −∞ (−1/3 → −1): the window sum is offset by k·2^(bits−1) before the division.
 */
import { Arr, G, SInt, assertType, sketch } from 'zksl';

export default sketch({
  name: 'AvgPool1D',
  params: { n: 6, k: 3, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(SInt(bits), n) }),
  outputs: ({ n, k, bits }) => ({ out: Arr(SInt(bits), Math.floor(n / k)) }),
  body: ({ x }, { n, k, bits }) => {
    if (n % k !== 0) throw new Error('AvgPool1D: n must be a multiple of k');
    const half = 1n << BigInt(bits - 1);
    // the offset window sum lies in [0, k·2^bits)
    const divBits = bits + Math.ceil(Math.log2(k + 1));
    const out = Array.from({ length: n / k }, (_, j) => {
      const offsetSum = G.sum(x.slice(j * k, j * k + k)).add(BigInt(k) * half);
      const avg = G.divMod(offsetSum, k, divBits).quotient.sub(half);
      assertType(avg, SInt(bits));
      return avg;
    });
    return { out };
  },
});
