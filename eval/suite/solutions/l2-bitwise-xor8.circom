pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// Decompose both inputs (which range-checks them to 8 bits), XOR bit by bit, recompose.
template Xor8() {
    signal input a;
    signal input b;
    signal output out;
    signal ab[8];
    component na = Num2Bits(8);
    component nb = Num2Bits(8);
    na.in <== a;
    nb.in <== b;
    var acc = 0;
    for (var i = 0; i < 8; i++) {
        ab[i] <== na.out[i] * nb.out[i];
        acc += (na.out[i] + nb.out[i] - 2 * ab[i]) * (1 << i);
    }
    out <== acc;
}

component main = Xor8();
