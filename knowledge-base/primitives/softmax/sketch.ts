/**
 * Softmax over n logits x[i] in SInt(bits) (1 fractional bit): out[i] = floor(e[i]·256 / Σe), with
 * e[i] = round(4096·exp(−(max − x[i])/2)) from a 16-entry table and e[i] = 0 once max − x[i] ≥ 16.
 * Preconditions: bits ≥ 5 (inputs are range-checked). Rounding: floor, so Σout ∈ [256 − (n − 1), 256].
 */
import { Arr, G, H, SInt, UInt, sketch, witness } from 'zksl';

const expTable = G.defineTable({ name: 'softmax_exp', size: 16, fn: (i) => Math.round(4096 * Math.exp(-i / 2)) });

export default sketch({
  name: 'Softmax',
  params: { n: 4, bits: 8 },
  inputs: ({ n, bits }) => ({ x: Arr(SInt(bits), n) }),
  outputs: ({ n }) => ({ out: Arr(UInt(9), n) }),
  body: ({ x }, { n, bits }) => {
    const rowMax = G.max(x, { bits, signed: true });
    const e = x.map((xi) => {
      const t = rowMax.sub(xi); // in [0, 2^bits) because rowMax is the maximum
      const low = witness(UInt(4), H.mod(t, 16), 'low');
      const high = witness(UInt(bits - 4), H.shr(t, 4), 'high');
      high.scale(16).add(low).assertEquals(t, 't = 16·high + low');
      // table value for the low 4 bits, cut to 0 when t ≥ 16
      return G.lookup(expTable, low).mul(G.isZero(high));
    });
    const total = G.sum(e); // ≥ 4096: the maximum's own entry is exp(0)·2^12
    const divBits = Math.max(21, Math.ceil(Math.log2(n * 4096 + 1)));
    // e[i] ≤ Σe, so each quotient is at most 256: the entry's out[i] < 2^9 holds without an extra check
    const out = e.map((ei) => G.divMod(ei.scale(256), total, divBits).quotient);
    return { out };
  },
});
