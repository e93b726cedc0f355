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

// A 5-comparator sorting network: the output is a sorted permutation by construction.
template Sort4() {
    signal input x[4];
    signal output y[4];
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(x[i]);
    }
    signal a0; signal a1; signal a2; signal a3;
    (a0, a1) <== Cas()(x[0], x[1]);
    (a2, a3) <== Cas()(x[2], x[3]);
    signal b0; signal b2; signal b1; signal b3;
    (b0, b2) <== Cas()(a0, a2);
    (b1, b3) <== Cas()(a1, a3);
    signal c1; signal c2;
    (c1, c2) <== Cas()(b1, b2);
    y[0] <== b0;
    y[1] <== c1;
    y[2] <== c2;
    y[3] <== b3;
}

component main = Sort4();
