pragma circom 2.1.6;

// a -> b = 1 - a + ab.
template Implies() {
    signal input a;
    signal input b;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    out <== 1 - a + a * b;
}

component main = Implies();
