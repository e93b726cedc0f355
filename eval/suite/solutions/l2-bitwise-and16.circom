pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template And16() {
    signal input a;
    signal input b;
    signal output out;
    signal ab[16];
    component na = Num2Bits(16);
    component nb = Num2Bits(16);
    na.in <== a;
    nb.in <== b;
    var acc = 0;
    for (var i = 0; i < 16; i++) {
        ab[i] <== na.out[i] * nb.out[i];
        acc += ab[i] * (1 << i);
    }
    out <== acc;
}

component main = And16();
