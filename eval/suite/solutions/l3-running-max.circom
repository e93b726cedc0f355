pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template RunningMax() {
    signal input x[5];
    signal output m[5];
    signal lt[5];
    for (var i = 0; i < 5; i++) {
        _ <== Num2Bits(8)(x[i]);
    }
    m[0] <== x[0];
    for (var i = 1; i < 5; i++) {
        lt[i] <== LessThan(8)([m[i - 1], x[i]]);
        m[i] <== m[i - 1] + lt[i] * (x[i] - m[i - 1]);
    }
}

component main = RunningMax();
