// Fixed twin of: Semaphore zero value — the secret must be invertible (non-zero).
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template Identity() {
    signal input secret;
    signal input scope;
    signal output commitment;
    signal output nullifier;
    signal inv;
    inv <-- 1 / secret;
    inv * secret === 1;
    component c = Poseidon(1);
    c.inputs[0] <== secret;
    commitment <== c.out;
    component n = Poseidon(2);
    n.inputs[0] <== scope;
    n.inputs[1] <== secret;
    nullifier <== n.out;
}

component main = Identity();
