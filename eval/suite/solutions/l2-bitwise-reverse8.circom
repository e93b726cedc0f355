pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Reverse8() {
    signal input a;
    signal output out;
    component n = Num2Bits(8);
    n.in <== a;
    var acc = 0;
    for (var i = 0; i < 8; i++) {
        acc += n.out[7 - i] * (1 << i);
    }
    out <== acc;
}

component main = Reverse8();
