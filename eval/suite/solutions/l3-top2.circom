pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Compare-and-swap: lo = min(a, b), hi = max(a, b) for 8-bit values.
template Cas() {
    signal input a;
    signal input b;
    signal output lo;
    signal output hi;
    signal lt <== LessThan(8)([a, b]);
    lo <== b + lt * (a - b);
    hi <== a + b - lo;
}

// Keep (first, second) as the running top two: insert each element with two compare-swaps.
template Top2() {
    signal input x[4];
    signal output first;
    signal output second;
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(x[i]);
    }
    signal f[4];
    signal s[4];
    signal low[4];
    signal drop[4];
    (s[1], f[1]) <== Cas()(x[0], x[1]);
    for (var i = 2; i < 4; i++) {
        (low[i], f[i]) <== Cas()(x[i], f[i - 1]);
        (drop[i], s[i]) <== Cas()(low[i], s[i - 1]);
    }
    first <== f[3];
    second <== s[3];
}

component main = Top2();
