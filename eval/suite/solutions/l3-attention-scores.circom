pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// |q . K[j]| <= 4 * 128 * 128 = 2^16, so t = dot + 2^17 is in [0, 2^18): floor(dot / 2) = floor(t / 2) - 2^16.
template AttentionScores() {
    signal input q[4];
    signal input K[3][4];
    signal output s[3];
    signal prod[3][4];
    signal tb[3][18];
    for (var d = 0; d < 4; d++) {
        _ <== Num2Bits(8)(q[d] + 128);
    }
    for (var j = 0; j < 3; j++) {
        var dot = 0;
        for (var d = 0; d < 4; d++) {
            _ <== Num2Bits(8)(K[j][d] + 128);
            prod[j][d] <== q[d] * K[j][d];
            dot += prod[j][d];
        }
        tb[j] <== Num2Bits(18)(dot + 131072);
        var half = 0;
        for (var k = 1; k < 18; k++) {
            half += tb[j][k] * (1 << (k - 1));
        }
        s[j] <== half - 65536;
    }
}

component main = AttentionScores();
