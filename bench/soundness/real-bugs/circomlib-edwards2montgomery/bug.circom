// Real bug: circomlib Edwards2Montgomery — at x = 0, y = -1 the second coordinate is free.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/veridise_underconstrained_points_in_edwards2Montgomery
// Class: special
pragma circom 2.0.0;

template ToMontgomery() {
    signal input in[2];
    signal output out[2];
    out[0] <-- (1 + in[1]) / (1 - in[1]);
    out[1] <-- out[0] / in[0];
    out[0] * (1 - in[1]) === 1 + in[1];
    out[1] * in[0] === out[0];
}

component main = ToMontgomery();
