/**
 * Fixed-point matrix product: out = floor(a·b / 2^frac) elementwise, a (m×k) and b (k×n), all entries
 * SInt(bits) with frac fractional bits (range-checked). Rounding: floor toward −∞ on the exact dot
 * products: dot = out·2^frac + r, r ∈ [0, 2^frac), out ∈ SInt(bits) (overflow refused).
 */
import { G, H, SInt, Tensor, UInt, sketch, witness, type Signal } from 'zksl';

export default sketch({
  name: 'MatMul',
  params: { m: 2, k: 2, n: 2, bits: 8, frac: 4 },
  inputs: ({ m, k, n, bits }) => ({ a: Tensor(SInt(bits), [m, k]), b: Tensor(SInt(bits), [k, n]) }),
  outputs: ({ m, n, bits }) => ({ out: Tensor(SInt(bits), [m, n]) }),
  body: ({ a, b }, { m, k, n, bits, frac }) => {
    const unit = 1n << BigInt(frac);
    // a power of two above |dot| and a multiple of 2^frac: the integer hints then floor negatives too
    const offset = 1n << BigInt(2 * bits + frac + Math.ceil(Math.log2(k + 1)));
    const floorShift = (dot: Signal): Signal => {
      const out = witness(SInt(bits), H.sub(H.shr(H.add(dot, offset), frac), offset >> BigInt(frac)), 'out');
      const r = witness(UInt(frac), H.mod(H.add(dot, offset), unit), 'r');
      out.scale(unit).add(r).assertEquals(dot, 'dot = out·2^frac + r');
      return out;
    };
    const out = Array.from({ length: m }, (_, i) =>
      Array.from({ length: n }, (_, j) => floorShift(G.innerProduct(a[i], b.map((row) => row[j])))),
    );
    return { out };
  },
});
