pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// 255 - a, after range-checking a to 8 bits.
template Not8() {
    signal input a;
    signal output out;
    component n = Num2Bits(8);
    n.in <== a;
    out <== 255 - a;
}

component main = Not8();
