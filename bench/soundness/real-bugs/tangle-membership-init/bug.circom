// Real bug: Tangle (Webb) — incorrect initialization in membership circuits: the running product of
// (leaf - member) starts from a hinted value the constraints never pin, so starting at 0 makes any
// leaf a member.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/tangle-network/protocol-solidity/veridise_incorrect_initialization_in_membership_circuits
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template SetMember(n) {
    signal input leaf;
    signal input set[n];
    signal output isMember;
    signal acc[n + 1];
    acc[0] <-- 1;
    for (var i = 0; i < n; i++) acc[i + 1] <== acc[i] * (leaf - set[i]);
    component z = IsZero();
    z.in <== acc[n];
    isMember <== z.out;
}

component main = SetMember(3);
