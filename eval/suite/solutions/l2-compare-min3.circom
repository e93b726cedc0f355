pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Min2() {
    signal input a;
    signal input b;
    signal output out;
    signal lt <== LessThan(8)([a, b]);
    out <== b + lt * (a - b);
}

template Min3() {
    signal input a;
    signal input b;
    signal input c;
    signal output out;
    _ <== Num2Bits(8)(a);
    _ <== Num2Bits(8)(b);
    _ <== Num2Bits(8)(c);
    out <== Min2()(Min2()(a, b), c);
}

component main = Min3();
