/**
 * Dense layer: out[j] = floor((Σ_i w[j][i]·x[i] + b[j]·2^frac) / 2^frac), all values SInt(bits) with frac
 * fractional bits (every input range-checked; the bias is at the input scale). Rounding: floor toward −∞
 * on the exact accumulator: acc = out·2^frac + r, r ∈ [0, 2^frac), out ∈ SInt(bits) (overflow refused).
 */
import { G, H, SInt, Tensor, UInt, sketch, witness, type Signal } from 'zksl';

export default sketch({
  name: 'Dense',
  params: { m: 2, n: 3, bits: 8, frac: 4 },
  inputs: ({ m, n, bits }) => ({ x: Tensor(SInt(bits), [n]), w: Tensor(SInt(bits), [m, n]), b: Tensor(SInt(bits), [m]) }),
  outputs: ({ m, bits }) => ({ out: Tensor(SInt(bits), [m]) }),
  body: ({ x, w, b }, { m, n, bits, frac }) => {
    const unit = 1n << BigInt(frac);
    // a power of two above |acc| and a multiple of 2^frac: the integer hints then floor negatives too
    const offset = 1n << BigInt(2 * bits + frac + Math.ceil(Math.log2(n + 1)));
    const floorShift = (acc: Signal): Signal => {
      const out = witness(SInt(bits), H.sub(H.shr(H.add(acc, offset), frac), offset >> BigInt(frac)), 'out');
      const r = witness(UInt(frac), H.mod(H.add(acc, offset), unit), 'r');
      out.scale(unit).add(r).assertEquals(acc, 'acc = out·2^frac + r');
      return out;
    };
    const out = Array.from({ length: m }, (_, j) => floorShift(G.innerProduct(w[j], x).add(b[j].scale(unit))));
    return { out };
  },
});
