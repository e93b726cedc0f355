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

template MerkleUpdate() {
    signal input old_leaf;
    signal input new_leaf;
    signal input path_elements[2];
    signal input path_indices[2];
    signal output old_root;
    signal output new_root;
    signal a[3];
    signal b[3];
    a[0] <== old_leaf;
    b[0] <== new_leaf;
    for (var i = 0; i < 2; i++) {
        a[i + 1] <== Level()(a[i], path_elements[i], path_indices[i]);
        b[i + 1] <== Level()(b[i], path_elements[i], path_indices[i]);
    }
    old_root <== a[2];
    new_root <== b[2];
}

component main = MerkleUpdate();
