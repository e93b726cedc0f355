// Real bug: Panther — Num2Bits(254) on a blacklist key: the aliased bits select another leaf index.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/pantherfoundation/panther-core/veridise_unsafe_num2bits_254_blacklist_leaf
// Class: vector
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template LeafIndex() {
    signal input key;
    signal output index;
    component bits = Num2Bits(254);
    bits.in <== key;
    var acc = 0;
    for (var i = 0; i < 8; i++) acc += bits.out[i] * (1 << i);
    index <== acc;
}

component main = LeafIndex();
