pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Max2() {
    signal input a;
    signal input b;
    signal output out;
    signal lt <== LessThan(8)([a, b]);
    out <== a + lt * (b - a);
}

template MaxPool() {
    signal input img[4][4];
    signal output out[2][2];
    for (var r = 0; r < 4; r++) {
        for (var c = 0; c < 4; c++) {
            _ <== Num2Bits(8)(img[r][c]);
        }
    }
    for (var r = 0; r < 2; r++) {
        for (var c = 0; c < 2; c++) {
            out[r][c] <== Max2()(Max2()(img[2 * r][2 * c], img[2 * r][2 * c + 1]), Max2()(img[2 * r + 1][2 * c], img[2 * r + 1][2 * c + 1]));
        }
    }
}

component main = MaxPool();
