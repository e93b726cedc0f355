// Fixed twin of: Self Merkle path Booleans — every direction bit is forced Boolean.
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
        path[i] * (path[i] - 1) === 0;
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
