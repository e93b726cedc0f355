pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

template Conv2d() {
    signal input img[3][3];
    signal input k[2][2];
    signal output out[2][2];
    signal prod[2][2][2][2];
    for (var r = 0; r < 3; r++) {
        for (var c = 0; c < 3; c++) {
            _ <== Num2Bits(8)(img[r][c] + 128);
        }
    }
    for (var i = 0; i < 2; i++) {
        for (var j = 0; j < 2; j++) {
            _ <== Num2Bits(8)(k[i][j] + 128);
        }
    }
    for (var r = 0; r < 2; r++) {
        for (var c = 0; c < 2; c++) {
            var acc = 0;
            for (var i = 0; i < 2; i++) {
                for (var j = 0; j < 2; j++) {
                    prod[r][c][i][j] <== img[r + i][c + j] * k[i][j];
                    acc += prod[r][c][i][j];
                }
            }
            out[r][c] <== acc;
        }
    }
}

component main = Conv2d();
