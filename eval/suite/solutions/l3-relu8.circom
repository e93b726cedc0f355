pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// x + 128 is range-checked to 8 bits (x is an int8); its top bit is 1 exactly when x >= 0.
template Relu8() {
    signal input x[8];
    signal output y[8];
    signal bits[8][8];
    for (var i = 0; i < 8; i++) {
        bits[i] <== Num2Bits(8)(x[i] + 128);
        y[i] <== bits[i][7] * x[i];
    }
}

component main = Relu8();
