// Real bug: circom-pairing — the "value < modulus" comparator is computed and its output never checked.
// Source: https://medium.com/veridise/circom-pairing-a-million-dollar-zk-bug-caught-early-c5624b278f25 ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/circom_pairing/veridise_missing_output_check_constraint
// Class: precondition
// Assume: x < 40000
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Reduced(n, modulus) {
    signal input x;
    signal output doubled;
    component bits = Num2Bits(n);
    bits.in <== x;
    component lt = LessThan(n);
    lt.in[0] <== x;
    lt.in[1] <== modulus;
    doubled <== 2 * x;
}

component main = Reduced(16, 40000);
