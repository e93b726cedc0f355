// Real bug: circom-chacha20 — unsound left rotation: the word is split by hints into high and low
// parts whose sizes are never checked, so the split (and the rotated word) can move.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/reclaimprotocol/circom-chacha20/zksecurity_unsound_left_rotation
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template RotL(n, k) {
    signal input x;
    signal output out;
    signal hi;
    signal lo;
    component rx = Num2Bits(n);
    rx.in <== x;
    hi <-- x >> (n - k);
    lo <-- x & ((1 << (n - k)) - 1);
    x === hi * (1 << (n - k)) + lo;
    out <== lo * (1 << k) + hi;
}

component main = RotL(8, 3);
