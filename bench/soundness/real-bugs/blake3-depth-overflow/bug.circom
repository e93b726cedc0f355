// Real bug: hot-proofs-blake3 — CheckDepth's comparator overflows: depth is compared with LessThan(4)
// without being range-checked, so a depth far beyond the limit passes.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/banyancomputer/hot-proofs-blake3-circom/koukyosyumei_checkdepth_comparator_overflow
// Class: precondition
// Assume: depth <= 15
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template CheckDepth(maxDepth) {
    signal input depth;
    signal output remaining;
    component lt = LessThan(4);
    lt.in[0] <== depth;
    lt.in[1] <== maxDepth;
    lt.out === 1;
    remaining <== maxDepth - depth;
}

component main = CheckDepth(10);
