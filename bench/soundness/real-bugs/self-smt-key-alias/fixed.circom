// Fixed twin of: Self SMT aliasing — the key is decomposed with Num2Bits_strict.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/poseidon.circom";

template PathRoot(depth) {
    signal input key;
    signal input leaf;
    signal input siblings[depth];
    signal output root;
    component bits = Num2Bits_strict();
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
