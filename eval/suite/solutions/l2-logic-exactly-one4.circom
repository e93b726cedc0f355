pragma circom 2.1.6;

include "circomlib/circuits/comparators.circom";

// Bits constrained boolean; their sum (0..4) compared with 1.
template ExactlyOne4() {
    signal input x[4];
    signal output out;
    var sum = 0;
    for (var i = 0; i < 4; i++) {
        x[i] * (x[i] - 1) === 0;
        sum += x[i];
    }
    out <== IsEqual()([sum, 1]);
}

component main = ExactlyOne4();
