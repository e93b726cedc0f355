pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// Horner's rule; with 8-bit coefficients and a 16-bit x every partial value stays below 2^58.
template PolyHorner() {
    signal input c[4];
    signal input x;
    signal output out;
    _ <== Num2Bits(16)(x);
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(c[i]);
    }
    signal acc[4];
    acc[3] <== c[3];
    for (var i = 2; i >= 0; i--) {
        acc[i] <== acc[i + 1] * x + c[i];
    }
    out <== acc[0];
}

component main = PolyHorner();
