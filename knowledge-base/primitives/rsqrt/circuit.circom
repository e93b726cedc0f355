pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// Reciprocal square root in fixed point: out = floor(2^frac / sqrt(x / 2^frac)) =
// floor(sqrt(2^(3 frac) / x)) for x in [1, 2^bits) (unsigned, frac fractional bits; x = 0 has no
// result and is refused). out is a witness proven to be the floor by two range-checked residuals:
// 2^(3 frac) - out^2 * x >= 0 and (out + 1)^2 * x - 2^(3 frac) - 1 >= 0. x and out are range-checked
// too, so no product wraps around the field.
template RSqrt(bits, frac) {
    signal input x;
    signal output out;

    var target = 1 << (3 * frac);
    var outBits = (3 * frac + 1) \ 2 + 1;
    var lowBits = 3 * frac + 1;
    var highBits = (3 * frac > outBits + 1 + bits ? 3 * frac : outBits + 1 + bits) + 1;

    component xBits = Num2Bits(bits);
    xBits.in <== x;

    // Witness: integer square root of 2^(3 frac) / x by bisection (the floor, checked below).
    var lo = 0;
    var hi = 1 << outBits;
    while (hi - lo > 1) {
        var mid = (lo + hi) \ 2;
        if (mid * mid * x <= target) lo = mid; else hi = mid;
    }
    out <-- lo;

    // Constraints: out in outBits bits; out^2 * x <= 2^(3 frac) < (out + 1)^2 * x.
    component yBits = Num2Bits(outBits);
    yBits.in <== out;
    signal square <== out * out;
    signal low <== square * x;
    signal next <== (square + 2 * out + 1) * x;
    component lowBits_ = Num2Bits(lowBits);
    lowBits_.in <== target - low;
    component highBits_ = Num2Bits(highBits);
    highBits_.in <== next - target - 1;
}
