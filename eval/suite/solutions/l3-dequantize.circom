pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Dequantize() {
    signal input q[4];
    signal output y[4];
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(q[i] + 128);
        y[i] <== (q[i] - 3) * 5;
    }
}

component main = Dequantize();
