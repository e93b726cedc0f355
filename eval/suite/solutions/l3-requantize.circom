pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// acc in [-2^31, 2^31) (checked via acc + 2^31 in 32 bits). t = acc*77 + 2^13 + 2^39 lies in
// [0, 2^40); floor(t / 2^14) = bits 14..39 of t = q + 2^25, q the unclamped result. Clamp q + 2^25
// into [2^25 - 128, 2^25 + 127] with 26-bit comparisons.
template Requantize() {
    signal input acc[2];
    signal output y[2];
    signal tb[2][40];
    signal low[2];
    signal high[2];
    signal up[2];
    signal clamped[2];
    for (var i = 0; i < 2; i++) {
        _ <== Num2Bits(32)(acc[i] + 2147483648);
        tb[i] <== Num2Bits(40)(acc[i] * 77 + 8192 + 549755813888);
        var q = 0;
        for (var k = 14; k < 40; k++) {
            q += tb[i][k] * (1 << (k - 14));
        }
        low[i] <== LessThan(26)([q, 33554432 - 128]);
        high[i] <== GreaterThan(26)([q, 33554432 + 127]);
        up[i] <== q + low[i] * (33554432 - 128 - q);
        clamped[i] <== up[i] + high[i] * (33554432 + 127 - up[i]);
        y[i] <== clamped[i] - 33554432;
    }
}

component main = Requantize();
