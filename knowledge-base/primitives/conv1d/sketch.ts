/**
 * 1-D convolution (cross-correlation as in ML frameworks; valid padding, stride 1, one channel):
 * out[i] = floor((Σ_j w[j]·x[i + j] + b·2^frac) / 2^frac); x, w, b, out in SInt(bits) with frac fractional
 * bits (inputs range-checked). Rounding: floor toward −∞: acc = out·2^frac + r, r ∈ [0, 2^frac), out ∈ SInt(bits).
 */
import { G, H, SInt, Tensor, UInt, sketch, witness, type Signal } from 'zksl';

export default sketch({
  name: 'Conv1D',
  params: { n: 5, k: 3, bits: 8, frac: 4 },
  inputs: ({ n, k, bits }) => ({ x: Tensor(SInt(bits), [n]), w: Tensor(SInt(bits), [k]), b: SInt(bits) }),
  outputs: ({ n, k, bits }) => ({ out: Tensor(SInt(bits), [n - k + 1]) }),
  body: ({ x, w, b }, { n, k, bits, frac }) => {
    const unit = 1n << BigInt(frac);
    // a power of two above |acc| and a multiple of 2^frac: the integer hints then floor negatives too
    const offset = 1n << BigInt(2 * bits + frac + Math.ceil(Math.log2(k + 1)));
    const floorShift = (acc: Signal): Signal => {
      const out = witness(SInt(bits), H.sub(H.shr(H.add(acc, offset), frac), offset >> BigInt(frac)), 'out');
      const r = witness(UInt(frac), H.mod(H.add(acc, offset), unit), 'r');
      out.scale(unit).add(r).assertEquals(acc, 'acc = out·2^frac + r');
      return out;
    };
    const out = Array.from({ length: n - k + 1 }, (_, i) => floorShift(G.innerProduct(w, x.slice(i, i + k)).add(b.scale(unit))));
    return { out };
  },
});
