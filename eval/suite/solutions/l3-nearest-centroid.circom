pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Squared distances are below 2 * 255^2 < 2^17; a strictly smaller distance moves the index.
template NearestCentroid() {
    signal input x[2];
    signal input c[3][2];
    signal output idx;
    for (var k = 0; k < 2; k++) {
        _ <== Num2Bits(8)(x[k] + 128);
    }
    signal sq[3][2];
    signal dist[3];
    for (var j = 0; j < 3; j++) {
        for (var k = 0; k < 2; k++) {
            _ <== Num2Bits(8)(c[j][k] + 128);
            sq[j][k] <== (c[j][k] - x[k]) * (c[j][k] - x[k]);
        }
        dist[j] <== sq[j][0] + sq[j][1];
    }
    signal lt[3];
    signal best[3];
    signal bestIdx[3];
    best[0] <== dist[0];
    bestIdx[0] <== 0;
    for (var j = 1; j < 3; j++) {
        lt[j] <== LessThan(17)([dist[j], best[j - 1]]);
        best[j] <== best[j - 1] + lt[j] * (dist[j] - best[j - 1]);
        bestIdx[j] <== bestIdx[j - 1] + lt[j] * (j - bestIdx[j - 1]);
    }
    idx <== bestIdx[2];
}

component main = NearestCentroid();
