pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Clip16() {
    signal input x;
    signal output out;
    _ <== Num2Bits(16)(x);
    signal low <== LessThan(16)([x, 100]);
    signal high <== GreaterThan(16)([x, 1000]);
    signal up <== x + low * (100 - x);
    out <== up + high * (1000 - up);
}

component main = Clip16();
