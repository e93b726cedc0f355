pragma circom 2.1.6;

include "circomlib/circuits/comparators.circom";

// One IsEqual per position; exactly one must match, which refuses idx >= 4.
template Select4() {
    signal input arr[4];
    signal input idx;
    signal output out;
    signal hit[4];
    signal part[4];
    var found = 0;
    var acc = 0;
    for (var i = 0; i < 4; i++) {
        hit[i] <== IsEqual()([idx, i]);
        part[i] <== hit[i] * arr[i];
        found += hit[i];
        acc += part[i];
    }
    found === 1;
    out <== acc;
}

component main = Select4();
