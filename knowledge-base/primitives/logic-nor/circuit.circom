pragma circom 2.1.0;

// out = a NOR b for boolean a, b (out = 1 - a - b + a*b). Both inputs are constrained to {0, 1} here:
// circomlib's NOR assumes boolean inputs: a = 2, b = 2 gives out = 1.
template BoolNor() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a * b + 1 - a - b;
}
