// Real bug: subnet-2 (Inference Labs) — a subtraction whose selector multiplier is hinted and never
// constrained, so the prover chooses the result.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/inference-labs-inc/subnet-2-circom/koukyosyumei_subtract_unconstrained_multiplier
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template ReluSub(n) {
    signal input a;
    signal input b;
    signal output out;
    component ra = Num2Bits(n);
    ra.in <== a;
    component rb = Num2Bits(n);
    rb.in <== b;
    signal m;
    m <-- (a > b) ? 1 : 0;
    out <== (a - b) * m;
}

component main = ReluSub(16);
