pragma circom 2.1.0;

// out = NOT a = 1 - a for boolean a. The input is constrained to {0, 1} here: circomlib's NOT
// assumes it and maps a = 2 to out = p - 1.
template BoolNot() {
    signal input a;
    signal output out;
    a * (a - 1) === 0;
    out <== 1 - a;
}
