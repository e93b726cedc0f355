pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Lte16() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(16)(a);
    _ <== Num2Bits(16)(b);
    out <== LessEqThan(16)([a, b]);
}

component main = Lte16();
