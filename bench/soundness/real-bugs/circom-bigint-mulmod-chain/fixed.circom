// Fixed twin of: the modular-multiplication chain — every remainder is checked below the modulus.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";
include "circomlib/circuits/poseidon.circom";

template MulModStep(n, P) {
    signal input a;
    signal input b;
    signal output r;
    signal q;
    q <-- (a * b) \ P;
    r <-- (a * b) % P;
    a * b === q * P + r;
    component rq = Num2Bits(n);
    rq.in <== q;
    component rr = Num2Bits(n);
    rr.in <== r;
    component lt = LessThan(n);
    lt.in[0] <== r;
    lt.in[1] <== P;
    lt.out === 1;
}

template PowerChain(steps, n, P) {
    signal input base;
    signal output digest;
    component rb = Num2Bits(n);
    rb.in <== base;
    component step[steps];
    signal acc[steps + 1];
    acc[0] <== base;
    for (var i = 0; i < steps; i++) {
        step[i] = MulModStep(n, P);
        step[i].a <== acc[i];
        step[i].b <== base;
        acc[i + 1] <== step[i].r;
    }
    component h = Poseidon(1);
    h.inputs[0] <== acc[steps];
    digest <== h.out;
}

component main = PowerChain(6, 16, 1009);
