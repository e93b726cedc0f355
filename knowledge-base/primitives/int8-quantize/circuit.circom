pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// int8 quantization with a power-of-two scale: out = clamp(round(x / 2^shift) + zero_point,
// -128, 127) for x in SInt(bits) and zero_point in SInt(8) (p - |v| when negative), both
// range-checked. Rounding: half up (toward +infinity): round(y) = floor(y + 1/2), so 2.5 -> 3 and
// -2.5 -> -2. Steps: x + 2^(shift-1) = q * 2^shift + r with r in [0, 2^shift) and q range-checked;
// v = q + zero_point; below = [v < -128] and above = [v > 127] are boolean witnesses pinned by
// range-checked differences; out = v clamped. For a non-power-of-two scale M / 2^shift, multiply x
// by the inverse first (see fixed-point-multiply).
template Int8Quantize(bits, shift) {
    signal input x;
    signal input zero_point;
    signal output out;
    signal q;
    signal r;
    signal below;
    signal above;

    var half = 1 << (bits - 1);
    var qHalf = 1 << (bits - shift);
    var W = bits - shift + 2;
    var top = 1 << W;
    component xBits = Num2Bits(bits);
    xBits.in <== x + half;
    component zBits = Num2Bits(8);
    zBits.in <== zero_point + 128;

    // Witness: q = floor((x + 2^(shift-1)) / 2^shift), shifting to unsigned first.
    var t = x + (1 << (shift - 1)) + half;
    q <-- (t >> shift) - (half >> shift);
    r <-- t & ((1 << shift) - 1);
    // Constraints: the division identity, r in [0, 2^shift), q in SInt(bits - shift + 1).
    x + (1 << (shift - 1)) === q * (1 << shift) + r;
    component rBits = Num2Bits(shift);
    rBits.in <== r;
    component qBits = Num2Bits(bits - shift + 1);
    qBits.in <== q + qHalf;

    signal v <== q + zero_point;
    // Witness: the two saturation conditions.
    below <-- 1 - (((v + 128 + top) >> W) & 1);
    above <-- 1 - (((127 - v + top) >> W) & 1);
    // Constraints: boolean, pinned by range-checked differences.
    below * (below - 1) === 0;
    above * (above - 1) === 0;
    component belowBits = Num2Bits(W);
    belowBits.in <== v + 128 + below * top;
    component aboveBits = Num2Bits(W);
    aboveBits.in <== 127 - v + above * top;

    signal low <== v + below * (-128 - v);
    out <== low + above * (127 - v);
}
