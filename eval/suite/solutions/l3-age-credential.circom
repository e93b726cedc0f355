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

// Both years range-checked; current - birth - 18 must also fit in 16 bits, so an underage or
// future birth year (which wraps around the field) is refused.
template AgeCredential() {
    signal input birth_year;
    signal input salt;
    signal input current_year;
    signal output commitment;
    _ <== Num2Bits(16)(birth_year);
    _ <== Num2Bits(16)(current_year);
    _ <== Num2Bits(16)(current_year - birth_year - 18);
    commitment <== H2()(birth_year, salt);
}

component main {public [current_year]} = AgeCredential();
