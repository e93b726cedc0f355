pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Sum4() {
    signal input x[4];
    signal output out;
    var acc = 0;
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(x[i]);
        acc += x[i];
    }
    out <== acc;
}

component main = Sum4();
