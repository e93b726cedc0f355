pragma circom 2.1.6;

include "circomlib/circuits/comparators.circom";

// The hot positions must sum to 1, which refuses a label outside 0..5.
template OneHot6() {
    signal input label;
    signal output onehot[6];
    var found = 0;
    for (var k = 0; k < 6; k++) {
        onehot[k] <== IsEqual()([label, k]);
        found += onehot[k];
    }
    found === 1;
}

component main = OneHot6();
