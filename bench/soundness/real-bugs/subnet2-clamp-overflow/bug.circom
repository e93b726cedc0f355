// Real bug: subnet-2 (Inference Labs) — clamp built on comparators whose inputs are never range-checked
// (comparator overflow): a huge x compares as small.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/inference-labs-inc/subnet-2-circom/koukyosyumei_clamp_comparator_overflow
// Class: precondition
// Assume: x < 2^16
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template Clamp(n, hi) {
    signal input x;
    signal output out;
    component over = GreaterThan(n);
    over.in[0] <== x;
    over.in[1] <== hi;
    out <== x + over.out * (hi - x);
}

component main = Clamp(16, 1000);
