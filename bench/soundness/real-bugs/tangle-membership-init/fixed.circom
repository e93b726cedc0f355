// Fixed twin of: Tangle membership initialization — the product starts from a constrained 1.
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template SetMember(n) {
    signal input leaf;
    signal input set[n];
    signal output isMember;
    signal acc[n + 1];
    acc[0] <== 1;
    for (var i = 0; i < n; i++) acc[i + 1] <== acc[i] * (leaf - set[i]);
    component z = IsZero();
    z.in <== acc[n];
    isMember <== z.out;
}

component main = SetMember(3);
