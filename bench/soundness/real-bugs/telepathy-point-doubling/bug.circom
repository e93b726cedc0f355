// Real bug: Succinct Telepathy — incorrect handling of point doubling: the addition formula's slope
// is only constrained through (x2 - x1), which vanishes when both points are equal.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/succinctlabs/telepathy-circuits/trailofbits_incorrect_handling_of_point_doubling_can_allow_signature_forgery
// Class: special
pragma circom 2.0.0;

template AddOrDouble() {
    signal input x1;
    signal input y1;
    signal input x2;
    signal input y2;
    signal output x3;
    signal lamda;
    lamda <-- (x1 == x2) ? (3 * x1 * x1) / (2 * y1) : (y2 - y1) / (x2 - x1);
    lamda * (x2 - x1) === y2 - y1;
    x3 <== lamda * lamda - x1 - x2;
}

component main = AddOrDouble();
