// Real bug: circomlib MontgomeryAdd — the slope is free when the two points share x (x1 = x2).
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/veridise_underconstrained_points_in_montgomeryAdd
// Class: special
pragma circom 2.0.0;

template AddOnCurve() {
    signal input p1[2];
    signal input p2[2];
    signal output out[2];
    var A = 168698;
    signal lamda;
    lamda <-- (p2[1] - p1[1]) / (p2[0] - p1[0]);
    lamda * (p2[0] - p1[0]) === p2[1] - p1[1];
    out[0] <== lamda * lamda - A - p1[0] - p2[0];
    out[1] <== lamda * (p1[0] - out[0]) - p1[1];
}

component main = AddOnCurve();
