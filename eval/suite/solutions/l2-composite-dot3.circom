pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Dot3() {
    signal input a[3];
    signal input b[3];
    signal output out;
    signal prod[3];
    var acc = 0;
    for (var i = 0; i < 3; i++) {
        _ <== Num2Bits(8)(a[i]);
        _ <== Num2Bits(8)(b[i]);
        prod[i] <== a[i] * b[i];
        acc += prod[i];
    }
    out <== acc;
}

component main = Dot3();
