// Fixed twin of: Telepathy point doubling — each branch's slope equation is enforced under its flag,
// and the doubling branch needs an invertible y.
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template AddOrDouble() {
    signal input x1;
    signal input y1;
    signal input x2;
    signal input y2;
    signal output x3;
    component same = IsEqual();
    same.in[0] <== x1;
    same.in[1] <== x2;
    signal lamda;
    lamda <-- (x1 == x2) ? (3 * x1 * x1) / (2 * y1) : (y2 - y1) / (x2 - x1);
    signal rise;
    rise <== lamda * (x2 - x1);
    (1 - same.out) * (rise - (y2 - y1)) === 0;
    signal yinv;
    yinv <-- 1 / y1;
    yinv * y1 === 1;
    signal ly;
    ly <== lamda * y1;
    signal xsq;
    xsq <== x1 * x1;
    same.out * (2 * ly - 3 * xsq) === 0;
    x3 <== lamda * lamda - x1 - x2;
}

component main = AddOrDouble();
