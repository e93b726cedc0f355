// Fixed twin of: hot-proofs-blake3 CheckDepth — depth is checked to 4 bits first.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template CheckDepth(maxDepth) {
    signal input depth;
    signal output remaining;
    component rd = Num2Bits(4);
    rd.in <== depth;
    component lt = LessThan(4);
    lt.in[0] <== depth;
    lt.in[1] <== maxDepth;
    lt.out === 1;
    remaining <== maxDepth - depth;
}

component main = CheckDepth(10);
