pragma circom 2.1.6;

// H(a, b): s = a; s = (s + b + i + 1)^5 for i = 0..3 (the suite's algebraic hash).
template H2() {
    signal input a;
    signal input b;
    signal output out;
    signal s[5];
    signal sq[4];
    signal quad[4];
    s[0] <== a;
    for (var i = 0; i < 4; i++) {
        var u = s[i] + b + i + 1;
        sq[i] <== u * u;
        quad[i] <== sq[i] * sq[i];
        s[i + 1] <== quad[i] * u;
    }
    out <== s[4];
}

// One Merkle level: index constrained to a bit; index 1 puts the node on the right.
template Level() {
    signal input node;
    signal input sibling;
    signal input index;
    signal output parent;
    index * (index - 1) === 0;
    signal left <== node + index * (sibling - node);
    parent <== H2()(left, node + sibling - left);
}

template MerkleRoot3() {
    signal input leaf;
    signal input path_elements[3];
    signal input path_indices[3];
    signal output root;
    signal node[4];
    node[0] <== leaf;
    for (var i = 0; i < 3; i++) {
        node[i + 1] <== Level()(node[i], path_elements[i], path_indices[i]);
    }
    root <== node[3];
}

component main = MerkleRoot3();
