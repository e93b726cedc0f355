pragma circom 2.1.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Accepts only a non-decreasing vector of three 8-bit values; out is its largest element.
template SortedMax3() {
    signal input x[3];
    signal output out;
    component range[3];
    for (var i = 0; i < 3; i++) {
        range[i] = Num2Bits(8);
        range[i].in <== x[i];
    }
    component ordered[2];
    for (var i = 0; i < 2; i++) {
        ordered[i] = LessEqThan(8);
        ordered[i].in[0] <== x[i];
        ordered[i].in[1] <== x[i + 1];
        ordered[i].out === 1;
    }
    out <== x[2];
}

component main = SortedMax3();
