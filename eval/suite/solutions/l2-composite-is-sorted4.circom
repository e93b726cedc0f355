pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template IsSorted4() {
    signal input x[4];
    signal output out;
    signal ok[3];
    signal all[3];
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(x[i]);
    }
    for (var i = 0; i < 3; i++) {
        ok[i] <== LessEqThan(8)([x[i], x[i + 1]]);
    }
    all[0] <== ok[0];
    for (var i = 1; i < 3; i++) {
        all[i] <== all[i - 1] * ok[i];
    }
    out <== all[2];
}

component main = IsSorted4();
