pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Dense2x3() {
    signal input x[3];
    signal input W[2][3];
    signal input bias[2];
    signal output y[2];
    signal prod[2][3];
    for (var k = 0; k < 3; k++) {
        _ <== Num2Bits(8)(x[k] + 128);
    }
    for (var j = 0; j < 2; j++) {
        _ <== Num2Bits(8)(bias[j] + 128);
        var acc = bias[j];
        for (var k = 0; k < 3; k++) {
            _ <== Num2Bits(8)(W[j][k] + 128);
            prod[j][k] <== W[j][k] * x[k];
            acc += prod[j][k];
        }
        y[j] <== acc;
    }
}

component main = Dense2x3();
