pragma circom 2.1.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// out = 1 when a < b, for 8-bit unsigned a and b (both range-checked: LessThan assumes it).
template LessThan8() {
    signal input a;
    signal input b;
    signal output out;
    component rangeA = Num2Bits(8);
    rangeA.in <== a;
    component rangeB = Num2Bits(8);
    rangeB.in <== b;
    component lt = LessThan(8);
    lt.in[0] <== a;
    lt.in[1] <== b;
    out <== lt.out;
}

component main = LessThan8();
