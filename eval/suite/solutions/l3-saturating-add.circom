pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// u = x + r + 256 is in [0, 510]: below 128 means the sum is under -128, above 383 over 127.
template SaturatingAdd() {
    signal input x[3];
    signal input r[3];
    signal output y[3];
    signal low[3];
    signal high[3];
    signal up[3];
    for (var i = 0; i < 3; i++) {
        _ <== Num2Bits(8)(x[i] + 128);
        _ <== Num2Bits(8)(r[i] + 128);
        var u = x[i] + r[i] + 256;
        low[i] <== LessThan(9)([u, 128]);
        high[i] <== GreaterThan(9)([u, 383]);
        up[i] <== u + low[i] * (128 - u);
        y[i] <== up[i] + high[i] * (383 - up[i]) - 256;
    }
}

component main = SaturatingAdd();
