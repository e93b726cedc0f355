pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Popcount8() {
    signal input a;
    signal output out;
    component n = Num2Bits(8);
    n.in <== a;
    var acc = 0;
    for (var i = 0; i < 8; i++) {
        acc += n.out[i];
    }
    out <== acc;
}

component main = Popcount8();
