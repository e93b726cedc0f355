// Real bug: circomlib Montgomery2Edwards — at (0, 0) the first output coordinate is free.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/veridise_underconstrained_points_in_montgomery2Edwards
// Class: special
pragma circom 2.0.0;

template ToEdwards() {
    signal input in[2];
    signal output out[2];
    out[0] <-- in[0] / in[1];
    out[1] <-- (in[0] - 1) / (in[0] + 1);
    out[0] * in[1] === in[0];
    out[1] * (in[0] + 1) === in[0] - 1;
}

component main = ToEdwards();
