/**
 * LayerNorm without gamma/beta: out[i] = (x[i] − mean) / sqrt(var + eps), x and out SInt(bits) with frac
 * fractional bits (x range-checked), exact integers: d[i] = n·x[i] − Σx, D = Σd², eps one unit of D.
 * Rounding: two floors: inv = floor(2^R·sqrt(n / (D + 1))), R = frac + 16 (range-checked residuals, as in
 * rsqrt), then out[i] = floor(d[i]·inv / 2^16) toward −∞ with r ∈ [0, 2^16) and out[i] ∈ SInt(bits).
 */
import { Bool, G, H, SInt, Tensor, UInt, constant, sketch, witness, type Signal } from 'zksl';

const numBits = (v: bigint): number => v.toString(2).length; // smallest b with 2^b > v (v ≥ 1)

export default sketch({
  name: 'LayerNorm',
  params: { n: 4, bits: 8, frac: 4 },
  inputs: ({ n, bits }) => ({ x: Tensor(SInt(bits), [n]) }),
  outputs: ({ n, bits }) => ({ out: Tensor(SInt(bits), [n]) }),
  body: ({ x }, { n, bits, frac }) => {
    const N = BigInt(n);
    const R = frac + 16;
    const target = N << BigInt(2 * R); // n·2^(2R)
    const dMax = N << BigInt(bits);
    const invBits = R + numBits(N);
    const lowBits = numBits(target);
    const highBits = Math.max(lowBits, invBits + 1 + numBits(N * dMax * dMax + 1n)) + 1;

    const total = G.sum(x);
    const d = x.map((xi) => xi.scale(N).sub(total)); // n·(x[i] − mean)
    const denominator = G.sum(d.map((di) => di.square())).add(1); // D + 1

    // Hint: inv bit by bit from the top, keeping bit j when (prefix + 2^j)²·(D + 1) ≤ n·2^(2R).
    let inv: Signal = constant(0);
    for (let j = invBits - 1; j >= 0; j--) {
      const candidate = inv.add(1n << BigInt(j));
      const keep = witness(Bool, H.sub(1, H.lt(target, H.mul(H.mul(candidate, candidate), denominator))), `inv_bit_${j}`);
      inv = inv.add(keep.scale(1n << BigInt(j)));
    }
    // Constraints: inv²·(D + 1) ≤ n·2^(2R) < (inv + 1)²·(D + 1) (inv < 2^invBits by its bits).
    const invSquare = inv.mul(inv);
    G.assertLessOrEqual(invSquare.mul(denominator), target, lowBits);
    G.assertLessThan(target, invSquare.add(inv.scale(2)).add(1).mul(denominator), highBits);

    // out[i] = floor(d[i]·inv / 2^16): d[i]·inv = out[i]·2^16 + r[i]
    const unit = 1n << 16n;
    const offset = 1n << BigInt(bits + 2 * numBits(N) + invBits + 2); // above |d·inv|, a multiple of 2^16
    const out = d.map((di) => {
      const scaled = di.mul(inv);
      const o = witness(SInt(bits), H.sub(H.shr(H.add(scaled, offset), 16), offset >> 16n), 'out');
      const r = witness(UInt(16), H.mod(H.add(scaled, offset), unit), 'r');
      o.scale(unit).add(r).assertEquals(scaled, 'd·inv = out·2^16 + r');
      return o;
    });
    return { out };
  },
});
