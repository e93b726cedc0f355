pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Product over all ten pairs of (1 - [x_i == x_j]).
template AllDistinct5() {
    signal input x[5];
    signal output out;
    for (var i = 0; i < 5; i++) {
        _ <== Num2Bits(16)(x[i]);
    }
    signal eq[10];
    signal acc[11];
    acc[0] <== 1;
    var k = 0;
    for (var i = 0; i < 5; i++) {
        for (var j = i + 1; j < 5; j++) {
            eq[k] <== IsEqual()([x[i], x[j]]);
            acc[k + 1] <== acc[k] * (1 - eq[k]);
            k++;
        }
    }
    out <== acc[10];
}

component main = AllDistinct5();
