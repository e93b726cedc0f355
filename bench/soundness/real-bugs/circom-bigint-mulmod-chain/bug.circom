// Real bug: circom-bigint BigMod / zk-email FpMul, inside a computation: a chain of modular
// multiplications whose remainders are range-checked to the limb width but never below the modulus;
// one shifted step (q - 1, r + P) changes the hashed result.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/0xbok/circom-bigint/veridise_missing_range_checks_in_bigmod ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/zkemail/zk-email-verify/matterlabs_underconstrained_fpmul_circuit
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
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
