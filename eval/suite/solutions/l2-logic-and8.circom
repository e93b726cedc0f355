pragma circom 2.1.6;

// Product of eight bits; each bit constrained boolean.
template And8() {
    signal input x[8];
    signal output out;
    signal acc[8];
    for (var i = 0; i < 8; i++) {
        x[i] * (x[i] - 1) === 0;
    }
    acc[0] <== x[0];
    for (var i = 1; i < 8; i++) {
        acc[i] <== acc[i - 1] * x[i];
    }
    out <== acc[7];
}

component main = And8();
