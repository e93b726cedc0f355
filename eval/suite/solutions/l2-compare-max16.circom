pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// out = a + [a < b] (b - a).
template Max16() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(16)(a);
    _ <== Num2Bits(16)(b);
    signal lt <== LessThan(16)([a, b]);
    out <== a + lt * (b - a);
}

component main = Max16();
