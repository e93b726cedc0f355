pragma circom 2.1.0;

// out = c[s] for a selector s that is constrained to be boolean here: circomlib's Mux1
// (out <== (c[1] - c[0]) * s + c[0]) accepts s = 2 and outputs 2 * c[1] - c[0].
template SafeMux1() {
    signal input c[2];
    signal input s;
    signal output out;
    s * (s - 1) === 0;
    out <== (c[1] - c[0]) * s + c[0];
}
