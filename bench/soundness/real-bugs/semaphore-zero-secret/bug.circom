// Real bug: Semaphore — no zero-value validation: a zero secret gives a publicly known commitment
// and nullifier; the task states the secret is non-zero.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/semaphore-protocol/semaphore/veridise_no_zero_value_validation
// Class: precondition
// Assume: secret != 0
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template Identity() {
    signal input secret;
    signal input scope;
    signal output commitment;
    signal output nullifier;
    component c = Poseidon(1);
    c.inputs[0] <== secret;
    commitment <== c.out;
    component n = Poseidon(2);
    n.inputs[0] <== scope;
    n.inputs[1] <== secret;
    nullifier <== n.out;
}

component main = Identity();
