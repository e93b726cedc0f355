// Real bug: Succinct Telepathy — G1BigIntToSignFlag on a non-reduced y: y is range-checked to the
// limb width but not below the modulus, so y + q flips the sign flag.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/succinctlabs/telepathy-circuits/trailofbits_prover_can_lock_user_funds_by_supplying_non-reduced_Y_values_to_G1BigIntToSignFlag
// Class: precondition
// Assume: y < 40009
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template SignFlag(n, q) {
    signal input y;
    signal output flag;
    component ry = Num2Bits(n);
    ry.in <== y;
    component gt = GreaterThan(n);
    gt.in[0] <== y;
    gt.in[1] <== (q - 1) \ 2;
    flag <== gt.out;
}

component main = SignFlag(16, 40009);
