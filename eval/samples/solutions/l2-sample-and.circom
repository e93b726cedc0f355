pragma circom 2.1.0;

// a AND b for two bits; both inputs are constrained to be bits.
template And2() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a * b;
}

component main = And2();
