// Real bug: Self — aliasing in the sparse Merkle tree verifier: the key's path bits come from a
// 254-bit decomposition, so key + p walks another path (a fake non-inclusion proof).
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/selfxyz/self/zksecurity_an_attacker_can_craft_a_fake_non_inclusion_proof_for_a_given_key_due_to_an_aliasing_bug_in_the_smt_verifier
// Class: vector
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/poseidon.circom";

template PathRoot(depth) {
    signal input key;
    signal input leaf;
    signal input siblings[depth];
    signal output root;
    component bits = Num2Bits(254);
    bits.in <== key;
    component h[depth];
    signal cur[depth + 1];
    signal l[depth];
    signal r[depth];
    cur[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        l[i] <== cur[i] + bits.out[i] * (siblings[i] - cur[i]);
        r[i] <== cur[i] + siblings[i] - l[i];
        h[i] = Poseidon(2);
        h[i].inputs[0] <== l[i];
        h[i].inputs[1] <== r[i];
        cur[i + 1] <== h[i].out;
    }
    root <== cur[depth];
}

component main = PathRoot(2);
