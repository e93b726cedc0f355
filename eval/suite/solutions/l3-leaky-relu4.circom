pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// u = x + 128 in [0, 256): bit 7 is the sign; floor(x / 8) = floor(u / 8) - 16 = (bits 3..7 of u) - 16.
template LeakyRelu4() {
    signal input x[4];
    signal output y[4];
    signal bits[4][8];
    signal neg[4];
    for (var i = 0; i < 4; i++) {
        bits[i] <== Num2Bits(8)(x[i] + 128);
        var shifted = 0;
        for (var k = 3; k < 8; k++) {
            shifted += bits[i][k] * (1 << (k - 3));
        }
        neg[i] <== (1 - bits[i][7]) * (shifted - 16 - x[i]);
        y[i] <== x[i] + neg[i];
    }
}

component main = LeakyRelu4();
