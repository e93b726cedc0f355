pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// The score is in [-1270, 1290]; score + 2048 fits in 12 bits and its bit 11 says score >= 0.
template ThresholdClassifier() {
    signal input x[3];
    signal output out;
    for (var i = 0; i < 3; i++) {
        _ <== Num2Bits(8)(x[i] + 128);
    }
    signal bits[12] <== Num2Bits(12)(3 * x[0] - 2 * x[1] + 5 * x[2] + 10 + 2048);
    out <== bits[11];
}

component main = ThresholdClassifier();
