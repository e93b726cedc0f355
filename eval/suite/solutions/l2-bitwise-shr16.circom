pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// The high 13 of x's 16 bits; Num2Bits range-checks x.
template Shr3() {
    signal input x;
    signal output out;
    component n = Num2Bits(16);
    n.in <== x;
    var acc = 0;
    for (var i = 3; i < 16; i++) {
        acc += n.out[i] * (1 << (i - 3));
    }
    out <== acc;
}

component main = Shr3();
