/**
 * Proves out = ⌊√x⌋ for an unsigned x of `bits` bits (x range-checked by its input type). out is
 * built from h = ⌈bits/2⌉ hinted bits (so out < 2^h, refusing the root p − out) and pinned by
 * r = x − out² ∈ [0, 2^(h+1)) and 2·out − r ∈ [0, 2^(h+1)), i.e. out² ≤ x < (out + 1)². bits ≤ 124.
 */
import { sketch, UInt, Bool, witness, assertRange, Signal, H, G } from 'zksl';

export default sketch({
  name: 'IntSqrt',
  params: { bits: 8 },
  inputs: ({ bits }) => ({ x: UInt(bits) }),
  outputs: ({ bits }) => ({ out: UInt(bits) }),
  body: ({ x }, { bits }) => {
    if (bits > 124) throw new Error('IntSqrt: integer hints read 128 bits; needs bits <= 124');
    const h = Math.ceil(bits / 2);
    // hint: the root bit by bit, most significant first: keep bit i when (prefix + 2^i)² ≤ x
    const rootBits: Signal[] = new Array(h);
    let prefix = Signal.from(0);
    for (let i = h - 1; i >= 0; i--) {
      const candidate = prefix.add(1n << BigInt(i));
      rootBits[i] = witness(Bool, H.sub(1, H.lt(x, H.mul(candidate, candidate))), `root_bit_${i}`);
      prefix = prefix.add(rootBits[i].scale(1n << BigInt(i)));
    }
    const out = G.fromBits(rootBits); // out < 2^h: the bits are boolean
    // constraints: out² ≤ x ≤ out² + 2·out
    const r = x.sub(out.square());
    assertRange(r, h + 1, 'x - out^2 >= 0');
    assertRange(out.scale(2).sub(r), h + 1, 'x - out^2 <= 2 out');
    return { out };
  },
});
