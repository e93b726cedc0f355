pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = floor(a * b / 2^frac) for signed fixed-point a, b in SInt(bits) with frac fractional bits
// (negatives are p - |x|). Rounding: floor toward -infinity (an arithmetic shift of the exact
// product). a and b are range-checked to SInt(bits); the quotient is range-checked to SInt(bits)
// (a product that overflows the format is refused, not wrapped) and the remainder to [0, 2^frac).
template FixedPointMul(bits, frac) {
    signal input a;
    signal input b;
    signal output out;
    signal r;

    var half = 1 << (bits - 1);
    component aBits = Num2Bits(bits);
    aBits.in <== a + half;
    component bBits = Num2Bits(bits);
    bBits.in <== b + half;

    signal product <== a * b;

    // Witness: a*b lies in (-2^(2bits-2), 2^(2bits-2)]; shift it to unsigned to floor negatives.
    var shift = 1 << (2 * bits - 1);
    out <-- ((product + shift) >> frac) - (shift >> frac);
    r <-- (product + shift) & ((1 << frac) - 1);

    // Constraints: product = out * 2^frac + r, r in [0, 2^frac), out in SInt(bits).
    product === out * (1 << frac) + r;
    component rBits = Num2Bits(frac);
    rBits.in <== r;
    component outBits = Num2Bits(bits);
    outBits.in <== out + half;
}
