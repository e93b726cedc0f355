pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// |x| = x when the sign bit of x + 128 is set (x >= 0), else -x.
template L1Norm() {
    signal input x[6];
    signal output out;
    signal bits[6][8];
    signal absx[6];
    var acc = 0;
    for (var i = 0; i < 6; i++) {
        bits[i] <== Num2Bits(8)(x[i] + 128);
        absx[i] <== (2 * bits[i][7] - 1) * x[i];
        acc += absx[i];
    }
    out <== acc;
}

component main = L1Norm();
