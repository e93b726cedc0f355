pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// The window sum is below 2^10: its bits 2..9 are floor(sum / 4).
template AvgPool() {
    signal input img[4][4];
    signal output out[2][2];
    signal sb[2][2][10];
    for (var r = 0; r < 4; r++) {
        for (var c = 0; c < 4; c++) {
            _ <== Num2Bits(8)(img[r][c]);
        }
    }
    for (var r = 0; r < 2; r++) {
        for (var c = 0; c < 2; c++) {
            sb[r][c] <== Num2Bits(10)(img[2 * r][2 * c] + img[2 * r][2 * c + 1] + img[2 * r + 1][2 * c] + img[2 * r + 1][2 * c + 1]);
            var q = 0;
            for (var k = 2; k < 10; k++) {
                q += sb[r][c][k] * (1 << (k - 2));
            }
            out[r][c] <== q;
        }
    }
}

component main = AvgPool();
