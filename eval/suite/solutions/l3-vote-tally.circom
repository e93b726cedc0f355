pragma circom 2.1.6;

include "circomlib/circuits/comparators.circom";

// Each ballot matches exactly one candidate (which refuses any other value); counts add the matches.
template VoteTally() {
    signal input votes[6];
    signal output counts[3];
    signal hit[6][3];
    var acc[3] = [0, 0, 0];
    for (var i = 0; i < 6; i++) {
        var found = 0;
        for (var c = 0; c < 3; c++) {
            hit[i][c] <== IsEqual()([votes[i], c]);
            found += hit[i][c];
            acc[c] += hit[i][c];
        }
        found === 1;
    }
    for (var c = 0; c < 3; c++) {
        counts[c] <== acc[c];
    }
}

component main = VoteTally();
