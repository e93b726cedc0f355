// Real bug: zkSync social login — non-determinism of some inputs: the one-hot selector used to read
// a character is hinted (Boolean, summing to one) but never tied to the index, so the prover picks
// which character is read.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/Moonsong-Labs/zksync-social-login-circuit/openzeppelin_non_determinism_of_some_inputs
// Class: vector
pragma circom 2.0.0;

template ReadAt(n) {
    signal input chars[n];
    signal input idx;
    signal output ch;
    signal sel[n];
    signal part[n];
    var hits = 0;
    var acc = 0;
    for (var i = 0; i < n; i++) {
        sel[i] <-- (idx == i) ? 1 : 0;
        sel[i] * (sel[i] - 1) === 0;
        hits += sel[i];
        part[i] <== sel[i] * chars[i];
        acc += part[i];
    }
    hits === 1;
    ch <== acc;
}

component main = ReadAt(6);
