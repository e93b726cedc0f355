// Fixed twin of: subnet-2 clamp overflow — x is range-checked before the comparison.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Clamp(n, hi) {
    signal input x;
    signal output out;
    component rx = Num2Bits(n);
    rx.in <== x;
    component over = GreaterThan(n);
    over.in[0] <== x;
    over.in[1] <== hi;
    out <== x + over.out * (hi - x);
}

component main = Clamp(16, 1000);
