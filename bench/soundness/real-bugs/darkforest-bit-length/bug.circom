// Real bug: Dark Forest v0.3 — a comparator on coordinates that were never bit-length checked.
// Source: https://github.com/0xPARC/zk-bug-tracker#dark-forest-1 ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/darkforest-eth/darkforest-v0.3/daira_hopwood_darkforest_v0_3_missing_bit_length_check
// Class: precondition
// Assume: x < 2^32
// Assume: r < 2^32
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template InRange(bits) {
    signal input x;
    signal input r;
    signal output square;
    component lt = LessThan(bits);
    lt.in[0] <== x;
    lt.in[1] <== r;
    lt.out === 1;
    square <== x * x;
}

component main = InRange(32);
