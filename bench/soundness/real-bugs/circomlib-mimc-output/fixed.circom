// Fixed twin of: circomlib MiMC — the hash output assigned but not constrained (the Tornado Cash 2019 find).
// Source: https://tornado-cash.medium.com/tornado-cash-got-hacked-by-us-b1e012a3c9a8 ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/kobi_gurkan_mimc_hash_assigned_but_not_constrained
// Class: hint
// A toy cube-round permutation standing in for MiMC; the last line carries the bug.
pragma circom 2.0.0;

template CubeRounds(rounds) {
    signal input x;
    signal input k;
    signal output out;
    signal t[rounds + 1];
    signal sq[rounds];
    t[0] <== x;
    for (var i = 0; i < rounds; i++) {
        sq[i] <== (t[i] + k + i) * (t[i] + k + i);
        t[i + 1] <== sq[i] * (t[i] + k + i);
    }
    out <== t[rounds] + k;
}

component main = CubeRounds(4);
