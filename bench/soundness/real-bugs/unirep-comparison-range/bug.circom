// Real bug: Unirep — missing range checks on the inputs of comparison circuits (reputation >= minimum).
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/Unirep/Unirep/veridise_missing_range_checks_on_comparison_circuits
// Class: precondition
// Assume: pos < 2^64
// Assume: neg < 2^64
// Assume: minRep < 2^64
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template ProveMinRep() {
    signal input pos;
    signal input neg;
    signal input minRep;
    signal output net;
    net <== pos - neg;
    component ge = GreaterEqThan(64);
    ge.in[0] <== net;
    ge.in[1] <== minRep;
    ge.out === 1;
}

component main = ProveMinRep();
