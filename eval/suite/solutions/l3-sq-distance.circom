pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template SqDistance() {
    signal input a[4];
    signal input b[4];
    signal output out;
    signal sq[4];
    var acc = 0;
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(a[i] + 128);
        _ <== Num2Bits(8)(b[i] + 128);
        sq[i] <== (a[i] - b[i]) * (a[i] - b[i]);
        acc += sq[i];
    }
    out <== acc;
}

component main = SqDistance();
