pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Matmul2x2() {
    signal input A[2][2];
    signal input B[2][2];
    signal output C[2][2];
    signal p[2][2][2];
    for (var i = 0; i < 2; i++) {
        for (var j = 0; j < 2; j++) {
            _ <== Num2Bits(8)(A[i][j] + 128);
            _ <== Num2Bits(8)(B[i][j] + 128);
        }
    }
    for (var i = 0; i < 2; i++) {
        for (var j = 0; j < 2; j++) {
            p[i][j][0] <== A[i][0] * B[0][j];
            p[i][j][1] <== A[i][1] * B[1][j];
            C[i][j] <== p[i][j][0] + p[i][j][1];
        }
    }
}

component main = Matmul2x2();
