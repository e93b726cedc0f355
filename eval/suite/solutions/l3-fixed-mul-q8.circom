pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// a, b in [-2^15, 2^15): the product is in [-2^30, 2^30], t = a*b + 2^30 in [0, 2^31];
// floor(t / 256) - 2^22 = floor(a*b / 256).
template FixedMulQ8() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(16)(a + 32768);
    _ <== Num2Bits(16)(b + 32768);
    signal prod <== a * b;
    signal tb[32] <== Num2Bits(32)(prod + 1073741824);
    var q = 0;
    for (var k = 8; k < 32; k++) {
        q += tb[k] * (1 << (k - 8));
    }
    out <== q - 4194304;
}

component main = FixedMulQ8();
