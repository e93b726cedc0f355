// Real bug: Succinct Telepathy — ArrayXOR is under-constrained: each output bit is hinted and only
// forced Boolean, never tied to the two input bits.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/succinctlabs/telepathy-circuits/veridise_arrayxor_is_under_constrained
// Class: hint
pragma circom 2.0.0;

template ArrayXor(n) {
    signal input a[n];
    signal input b[n];
    signal output out[n];
    for (var i = 0; i < n; i++) {
        a[i] * (a[i] - 1) === 0;
        b[i] * (b[i] - 1) === 0;
        out[i] <-- a[i] ^ b[i];
        out[i] * (out[i] - 1) === 0;
    }
}

component main = ArrayXor(4);
