pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// LessThan assumes 8-bit inputs, so both are range-checked first.
template Lt8() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(8)(a);
    _ <== Num2Bits(8)(b);
    out <== LessThan(8)([a, b]);
}

component main = Lt8();
