// Real bug: Self — missing Boolean constraints on the Merkle path: a non-Boolean direction mixes the
// node and its sibling, so a fake proof for an arbitrary leaf can be crafted.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/selfxyz/self/zksecurity_missing_boolean_constraints_in_the_merkle_tree_path_leads_to_an_attacker_being_able_to_craft_a_fake_merkle_proof_for_an_arbitrary_leaf
// Class: precondition
// Assume: path[*] < 2
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template MerkleRoot(depth) {
    signal input leaf;
    signal input path[depth];
    signal input siblings[depth];
    signal output root;
    component h[depth];
    signal cur[depth + 1];
    signal l[depth];
    signal r[depth];
    cur[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        l[i] <== cur[i] + path[i] * (siblings[i] - cur[i]);
        r[i] <== cur[i] + siblings[i] - l[i];
        h[i] = Poseidon(2);
        h[i].inputs[0] <== l[i];
        h[i].inputs[1] <== r[i];
        cur[i + 1] <== h[i].out;
    }
    root <== cur[depth];
}

component main = MerkleRoot(2);
