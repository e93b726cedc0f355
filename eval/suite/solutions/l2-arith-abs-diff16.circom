pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// out = (a - b) + 2·[a < b]·(b - a).
template AbsDiff16() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(16)(a);
    _ <== Num2Bits(16)(b);
    signal lt <== LessThan(16)([a, b]);
    signal t <== lt * (b - a);
    out <== a - b + 2 * t;
}

component main = AbsDiff16();
