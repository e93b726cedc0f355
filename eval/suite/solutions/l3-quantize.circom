pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// t = x + 8 + 32768 is in [0, 2^16 + 8) (17 bits); bits 4..16 of t are floor((x + 8) / 16) + 2048.
// With the zero point, v = that + 3 is q + 2048 and is clamped into [2048 - 128, 2048 + 127].
template Quantize() {
    signal input x[3];
    signal output q[3];
    signal tb[3][17];
    signal low[3];
    signal high[3];
    signal up[3];
    for (var i = 0; i < 3; i++) {
        _ <== Num2Bits(16)(x[i] + 32768);
        tb[i] <== Num2Bits(17)(x[i] + 8 + 32768);
        var v = 3;
        for (var k = 4; k < 17; k++) {
            v += tb[i][k] * (1 << (k - 4));
        }
        low[i] <== LessThan(13)([v, 2048 - 128]);
        high[i] <== GreaterThan(13)([v, 2048 + 127]);
        up[i] <== v + low[i] * (2048 - 128 - v);
        q[i] <== up[i] + high[i] * (2048 + 127 - up[i]) - 2048;
    }
}

component main = Quantize();
