pragma circom 2.1.6;

// out = a AND b; both inputs constrained to bits.
template And() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a * b;
}

component main = And();
