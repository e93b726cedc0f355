// Real bug: MACI — initial conditions are not properly enforced: the first state of a chain of
// updates is hinted from the committed initial state but never constrained to it.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/maci/hashcloak_initial_conditions_are_not_properly_enforced ; https://github.com/privacy-ethereum/maci/issues/647
// Class: hint
pragma circom 2.0.0;

template Tally(n) {
    signal input initial;
    signal input votes[n];
    signal output total;
    signal s[n + 1];
    s[0] <-- initial;
    for (var i = 0; i < n; i++) s[i + 1] <== s[i] + votes[i];
    total <== s[n];
}

component main = Tally(3);
