pragma circom 2.1.0;

// out = a XOR b for boolean a, b (out = a + b - 2*a*b). Both inputs are constrained to {0, 1} here:
// circomlib's XOR assumes boolean inputs: a = 2, b = 0 gives out = 2.
template BoolXor() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a + b - 2 * a * b;
}
