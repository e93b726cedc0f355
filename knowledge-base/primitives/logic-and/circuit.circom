pragma circom 2.1.0;

// out = a AND b for boolean a, b. Both inputs are constrained to {0, 1} here: circomlib's AND
// (out <== a*b) accepts a = 2, b = 3 and outputs 6.
template BoolAnd() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a * b;
}
