pragma circom 2.1.0;

// out = c[s[0] + 2 * s[1]] for selector bits s[0] (low) and s[1] (high), both constrained to be
// boolean here: circomlib's Mux2 leaves them unconstrained, so s = [2, 0] selects a combination
// of inputs that is no input at all.
template SafeMux2() {
    signal input c[4];
    signal input s[2];
    signal output out;
    s[0] * (s[0] - 1) === 0;
    s[1] * (s[1] - 1) === 0;
    signal low <== (c[1] - c[0]) * s[0] + c[0];
    signal high <== (c[3] - c[2]) * s[0] + c[2];
    out <== (high - low) * s[1] + low;
}
