pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Compare the offset values u = x + 128 (unsigned, 8 bits): order-preserving for int8.
template ArgmaxInt8() {
    signal input x[6];
    signal output idx;
    signal u[6];
    signal gt[6];
    signal best[6];
    signal bestIdx[6];
    for (var i = 0; i < 6; i++) {
        u[i] <== x[i] + 128;
        _ <== Num2Bits(8)(u[i]);
    }
    best[0] <== u[0];
    bestIdx[0] <== 0;
    for (var i = 1; i < 6; i++) {
        gt[i] <== GreaterThan(8)([u[i], best[i - 1]]);
        best[i] <== best[i - 1] + gt[i] * (u[i] - best[i - 1]);
        bestIdx[i] <== bestIdx[i - 1] + gt[i] * (i - bestIdx[i - 1]);
    }
    idx <== bestIdx[5];
}

component main = ArgmaxInt8();
