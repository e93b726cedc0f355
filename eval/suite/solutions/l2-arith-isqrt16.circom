pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

function isqrt(x) {
    var r = 0;
    while ((r + 1) * (r + 1) <= x) {
        r++;
    }
    return r;
}

// The hint r is range-checked to 8 bits, then r² <= x < (r + 1)² (the upper bound needs 17 bits).
template Isqrt16() {
    signal input x;
    signal output r;
    _ <== Num2Bits(16)(x);
    r <-- isqrt(x);
    _ <== Num2Bits(8)(r);
    signal sq <== r * r;
    signal next <== sq + 2 * r + 1;
    signal low <== LessEqThan(16)([sq, x]);
    low === 1;
    signal high <== LessThan(17)([x, next]);
    high === 1;
}

component main = Isqrt16();
