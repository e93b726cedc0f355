pragma circom 2.1.0;

// out = a NAND b for boolean a, b (out = 1 - a*b). Both inputs are constrained to {0, 1} here:
// circomlib's NAND assumes boolean inputs: a = 2, b = 1 gives out = p - 1.
template BoolNand() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== 1 - a * b;
}
