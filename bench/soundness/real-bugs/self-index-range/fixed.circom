// Fixed twin of: Self index range — exactly one position must match the index.
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template Pick(n) {
    signal input arr[n];
    signal input idx;
    signal output value;
    component eq[n];
    signal part[n];
    var acc = 0;
    var hits = 0;
    for (var i = 0; i < n; i++) {
        eq[i] = IsEqual();
        eq[i].in[0] <== idx;
        eq[i].in[1] <== i;
        part[i] <== eq[i].out * arr[i];
        acc += part[i];
        hits += eq[i].out;
    }
    hits === 1;
    value <== acc;
}

component main = Pick(8);
