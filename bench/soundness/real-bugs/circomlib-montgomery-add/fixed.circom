// Fixed twin of: MontgomeryAdd with x1 = x2 — the x difference must be invertible.
pragma circom 2.0.0;

template AddOnCurve() {
    signal input p1[2];
    signal input p2[2];
    signal output out[2];
    var A = 168698;
    signal lamda;
    signal dinv;
    dinv <-- 1 / (p2[0] - p1[0]);
    dinv * (p2[0] - p1[0]) === 1;
    lamda <-- (p2[1] - p1[1]) / (p2[0] - p1[0]);
    lamda * (p2[0] - p1[0]) === p2[1] - p1[1];
    out[0] <== lamda * lamda - A - p1[0] - p2[0];
    out[1] <== lamda * (p1[0] - out[0]) - p1[1];
}

component main = AddOnCurve();
