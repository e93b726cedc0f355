pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Strictly greater moves the index, so ties keep the smaller index.
template Argmax3() {
    signal input x[3];
    signal output idx;
    for (var i = 0; i < 3; i++) {
        _ <== Num2Bits(8)(x[i]);
    }
    signal g1 <== GreaterThan(8)([x[1], x[0]]);
    signal m01 <== x[0] + g1 * (x[1] - x[0]);
    signal g2 <== GreaterThan(8)([x[2], m01]);
    idx <== g1 + g2 * (2 - g1);
}

component main = Argmax3();
