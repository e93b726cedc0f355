pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";

// Merkle inclusion: out is the root of a binary Poseidon Merkle tree of depth `depth` containing
// leaf at the position given by path_indices (bit i = 1: the current node is the right child at
// level i, path_elements[i] its left sibling). Every path index is constrained to be boolean, so
// the prover cannot hash a blend of the two children. Hash: circomlib Poseidon(2) per level.
// Constrain out === root (public) to prove membership.
template MerkleInclusion(depth) {
    signal input leaf;
    signal input path_elements[depth];
    signal input path_indices[depth];
    signal output out;

    signal node[depth + 1];
    signal left[depth];
    component hash[depth];
    node[0] <== leaf;
    for (var i = 0; i < depth; i++) {
        path_indices[i] * (path_indices[i] - 1) === 0;
        // index 0: (node, sibling); index 1: (sibling, node).
        left[i] <== node[i] + path_indices[i] * (path_elements[i] - node[i]);
        hash[i] = Poseidon(2);
        hash[i].inputs[0] <== left[i];
        hash[i].inputs[1] <== node[i] + path_elements[i] - left[i];
        node[i + 1] <== hash[i].out;
    }
    out <== node[depth];
}
