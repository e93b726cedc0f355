pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Gt32() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(32)(a);
    _ <== Num2Bits(32)(b);
    out <== GreaterThan(32)([a, b]);
}

component main = Gt32();
