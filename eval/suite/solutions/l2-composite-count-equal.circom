pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template CountEqual() {
    signal input x[5];
    signal input target;
    signal output out;
    signal eq[5];
    _ <== Num2Bits(8)(target);
    var count = 0;
    for (var i = 0; i < 5; i++) {
        _ <== Num2Bits(8)(x[i]);
        eq[i] <== IsEqual()([x[i], target]);
        count += eq[i];
    }
    out <== count;
}

component main = CountEqual();
