// Real bug: circomlib BitElementMulAny — one double-and-add step of a Montgomery ladder; its outputs
// are under-constrained where the doubling's y or the addition's x difference vanishes.
// Source: https://github.com/iden3/circomlib/issues/133 ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/veridise_underconstrained_outputs_in_bitElementMulAny
// Class: special
pragma circom 2.0.0;

template DoubleAddStep() {
    signal input sel;
    signal input p[2];
    signal output out[2];
    var A = 168698;
    sel * (sel - 1) === 0;
    signal x2;
    signal l1;
    signal d[2];
    x2 <== p[0] * p[0];
    l1 <-- (3 * x2 + 2 * A * p[0] + 1) / (2 * p[1]);
    l1 * (2 * p[1]) === 3 * x2 + 2 * A * p[0] + 1;
    d[0] <== l1 * l1 - A - 2 * p[0];
    d[1] <== l1 * (p[0] - d[0]) - p[1];
    signal l2;
    signal s[2];
    l2 <-- (d[1] - p[1]) / (d[0] - p[0]);
    l2 * (d[0] - p[0]) === d[1] - p[1];
    s[0] <== l2 * l2 - A - p[0] - d[0];
    s[1] <== l2 * (p[0] - s[0]) - p[1];
    out[0] <== d[0] + sel * (s[0] - d[0]);
    out[1] <== d[1] + sel * (s[1] - d[1]);
}

component main = DoubleAddStep();
