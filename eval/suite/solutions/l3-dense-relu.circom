pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// |z| <= 2 * 128 * 128 + 128 < 2^16: t = z + 2^16 is in [0, 2^17) and bits 6..16 of t are
// floor(z / 64) + 1024; the ReLU keeps it when it exceeds 1024.
template DenseRelu() {
    signal input x[2];
    signal input W[2][2];
    signal input bias[2];
    signal output y[2];
    signal prod[2][2];
    signal tb[2][17];
    signal pos[2];
    for (var k = 0; k < 2; k++) {
        _ <== Num2Bits(8)(x[k] + 128);
    }
    for (var j = 0; j < 2; j++) {
        _ <== Num2Bits(8)(bias[j] + 128);
        for (var k = 0; k < 2; k++) {
            _ <== Num2Bits(8)(W[j][k] + 128);
            prod[j][k] <== W[j][k] * x[k];
        }
        tb[j] <== Num2Bits(17)(prod[j][0] + prod[j][1] + bias[j] + 65536);
        var q = 0;
        for (var b = 6; b < 17; b++) {
            q += tb[j][b] * (1 << (b - 6));
        }
        pos[j] <== GreaterThan(11)([q, 1024]);
        y[j] <== pos[j] * (q - 1024);
    }
}

component main = DenseRelu();
