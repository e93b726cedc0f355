// Fixed twin of: MACI initial conditions — the first state equals the committed initial state.
pragma circom 2.0.0;

template Tally(n) {
    signal input initial;
    signal input votes[n];
    signal output total;
    signal s[n + 1];
    s[0] <== initial;
    for (var i = 0; i < n; i++) s[i + 1] <== s[i] + votes[i];
    total <== s[n];
}

component main = Tally(3);
