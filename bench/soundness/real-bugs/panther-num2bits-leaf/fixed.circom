// Fixed twin of: Panther unsafe Num2Bits(254) — the strict decomposition is unique.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template LeafIndex() {
    signal input key;
    signal output index;
    component bits = Num2Bits_strict();
    bits.in <== key;
    var acc = 0;
    for (var i = 0; i < 8; i++) acc += bits.out[i] * (1 << i);
    index <== acc;
}

component main = LeafIndex();
