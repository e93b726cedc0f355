pragma circom 2.1.6;

// maj(a, b, c) = ab + bc + ca - 2abc = ab + c(a + b - 2ab).
template Majority3() {
    signal input a;
    signal input b;
    signal input c;
    signal output out;
    a * (a - 1) === 0;
    b * (b - 1) === 0;
    c * (c - 1) === 0;
    signal ab <== a * b;
    out <== ab + c * (a + b - 2 * ab);
}

component main = Majority3();
