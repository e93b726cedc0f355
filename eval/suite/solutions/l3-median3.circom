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

// median = max(min(a, b), min(max(a, b), c)).
template Median3() {
    signal input a;
    signal input b;
    signal input c;
    signal output out;
    _ <== Num2Bits(8)(a);
    _ <== Num2Bits(8)(b);
    _ <== Num2Bits(8)(c);
    signal lo; signal hi;
    (lo, hi) <== Cas()(a, b);
    signal m; signal unused;
    (m, unused) <== Cas()(hi, c);
    signal lo2;
    (lo2, out) <== Cas()(lo, m);
}

component main = Median3();
