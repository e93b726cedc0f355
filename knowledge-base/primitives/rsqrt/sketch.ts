/**
 * Reciprocal square root: out = floor(2^frac / sqrt(x / 2^frac)) = floor(sqrt(2^(3·frac) / x)) for x in
 * [1, 2^bits) (unsigned, range-checked; x = 0 is refused). Rounding: floor, pinned by two range-checked
 * residuals out²·x ≤ 2^(3·frac) < (out + 1)²·x; out has ceil(3·frac/2) + 1 bits, so nothing wraps.
 */
import { Bool, G, H, UInt, constant, sketch, witness, type Signal } from 'zksl';

export default sketch({
  name: 'RSqrt',
  params: { bits: 16, frac: 8 },
  inputs: ({ bits }) => ({ x: UInt(bits) }),
  outputs: ({ frac }) => ({ out: UInt(Math.floor((3 * frac + 1) / 2) + 1) }),
  body: ({ x }, { bits, frac }) => {
    const target = 1n << BigInt(3 * frac);
    const outBits = Math.floor((3 * frac + 1) / 2) + 1;
    const lowBits = 3 * frac + 1;
    const highBits = Math.max(3 * frac, outBits + 1 + bits) + 1;
    // Hint: integer square root bit by bit from the top: keep bit j when (prefix + 2^j)²·x ≤ 2^(3·frac).
    let prefix: Signal = constant(0);
    for (let j = outBits - 1; j >= 0; j--) {
      const candidate = prefix.add(1n << BigInt(j));
      const keep = witness(Bool, H.sub(1, H.lt(target, H.mul(H.mul(candidate, candidate), x))), `bit_${j}`);
      prefix = prefix.add(keep.scale(1n << BigInt(j)));
    }
    const out = prefix; // Σ bits·2^j: in [0, 2^outBits) by the bits' checks
    // Constraints: out²·x ≤ 2^(3·frac) < (out + 1)²·x, both residuals range-checked.
    const square = out.mul(out);
    const low = square.mul(x);
    const next = square.add(out.scale(2)).add(1).mul(x);
    G.assertLessOrEqual(low, target, lowBits);
    G.assertLessThan(target, next, highBits);
    return { out };
  },
});
