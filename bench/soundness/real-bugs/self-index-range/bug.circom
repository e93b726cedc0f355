// Real bug: Self — the registration and disclosure circuits lack range checks for the input indices:
// an index past the end selects nothing and the selected value reads as 0.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/selfxyz/self/zksecurity_the_registration_and_disclosure_circuits_lack_range_checks_for_the_input_indices
// Class: precondition
// Assume: idx < 8
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template Pick(n) {
    signal input arr[n];
    signal input idx;
    signal output value;
    component eq[n];
    signal part[n];
    var acc = 0;
    for (var i = 0; i < n; i++) {
        eq[i] = IsEqual();
        eq[i].in[0] <== idx;
        eq[i].in[1] <== i;
        part[i] <== eq[i].out * arr[i];
        acc += part[i];
    }
    value <== acc;
}

component main = Pick(8);
