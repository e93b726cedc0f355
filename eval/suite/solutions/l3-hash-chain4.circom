pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

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

template HashChain4() {
    signal input x[4];
    signal output out;
    signal acc[4];
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(32)(x[i]);
    }
    acc[0] <== x[0];
    for (var i = 1; i < 4; i++) {
        acc[i] <== H2()(acc[i - 1], x[i]);
    }
    out <== acc[3];
}

component main = HashChain4();
