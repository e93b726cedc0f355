// Real bug: circomlib MontgomeryDouble — the slope is free when y = 0 (division by zero in a hint).
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/veridise_underconstrained_points_in_montgomeryDouble
// Class: special
pragma circom 2.0.0;

template DoubleOnCurve() {
    signal input x;
    signal input y;
    signal output ox;
    signal output oy;
    var A = 168698;
    var B = 1;
    signal x2;
    signal lamda;
    x2 <== x * x;
    lamda <-- (3 * x2 + 2 * A * x + 1) / (2 * B * y);
    lamda * (2 * B * y) === 3 * x2 + 2 * A * x + 1;
    ox <== B * lamda * lamda - A - 2 * x;
    oy <== lamda * (x - ox) - y;
}

component main = DoubleOnCurve();
