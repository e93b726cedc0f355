pragma circom 2.1.0;

// out = a OR b for boolean a, b (out = a + b - a*b). Both inputs are constrained to {0, 1} here:
// circomlib's OR assumes boolean inputs: a = 2, b = 2 gives out = 0.
template BoolOr() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a + b - a * b;
}
