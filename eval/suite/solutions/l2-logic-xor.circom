pragma circom 2.1.6;

// out = a XOR b = a + b - 2ab; both inputs constrained to bits.
template Xor() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== a + b - 2 * a * b;
}

component main = Xor();
