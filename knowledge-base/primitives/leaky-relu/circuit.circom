pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// LeakyReLU: out = x for x >= 0, out = floor(slope * x / 2^frac) for x < 0, with x in SInt(bits)
// (p - |x| when negative) and the slope a fixed-point constant slope / 2^frac in [0, 1) (default
// 26 / 256 ~ 0.1). Rounding: floor toward -infinity. The sign is a boolean witness s pinned by the
// range-checked decomposition x + 2^(bits-1) - s * 2^(bits-1) in [0, 2^(bits-1)) (this also proves
// x is SInt(bits)); the scaled branch is slope * x = q * 2^frac + r with r in [0, 2^frac) and q in
// SInt(bits).
template LeakyReLU(bits, slope, frac) {
    signal input x;
    signal output out;
    signal s;
    signal q;
    signal r;
    assert(slope >= 0 && slope < (1 << frac));

    var half = 1 << (bits - 1);
    // Witness: s = 1 when x >= 0.
    s <-- ((x + half) >> (bits - 1)) & 1;
    s * (s - 1) === 0;
    component low = Num2Bits(bits - 1);
    low.in <== x + half - s * half;

    // Witness: floor(slope * x / 2^frac), shifting to unsigned first.
    var shift = slope * half;
    q <-- ((slope * x + shift) >> frac) - (shift >> frac);
    r <-- (slope * x + shift) & ((1 << frac) - 1);
    // Constraints: the division identity, r in [0, 2^frac), q in SInt(bits).
    slope * x === q * (1 << frac) + r;
    component rBits = Num2Bits(frac);
    rBits.in <== r;
    component qBits = Num2Bits(bits);
    qBits.in <== q + half;

    out <== q + s * (x - q);
}
