pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template InRange16() {
    signal input x;
    signal input lo;
    signal input hi;
    signal output out;
    _ <== Num2Bits(16)(x);
    _ <== Num2Bits(16)(lo);
    _ <== Num2Bits(16)(hi);
    signal above <== LessEqThan(16)([lo, x]);
    signal below <== LessEqThan(16)([x, hi]);
    out <== above * below;
}

component main = InRange16();
