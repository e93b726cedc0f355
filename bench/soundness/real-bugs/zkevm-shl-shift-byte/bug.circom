// Real bug: PSE & Scroll zkEVM — SHL/SHR: shf0, meant to be the low byte of the shift word, is assigned but never tied to it, so the shift input is read by too few constraints and the prover picks the power of two.
// Source: https://github.com/0xPARC/zk-bug-tracker#zkevm-2 ; https://github.com/privacy-scaling-explorations/zkevm-circuits/issues/1124
// Class: cross
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// out = x << shift for a shift word below 256, else 0. The word is split into bytes (lo, hi);
// 2^shf0 is built from the bits of shf0, which should be lo.
template ShiftLeft() {
    signal input x;
    signal input shift;
    signal output out;
    signal lo;
    signal hi;
    lo <-- shift & 255;
    hi <-- shift >> 8;
    component loBits = Num2Bits(8);
    loBits.in <== lo;
    component hiBits = Num2Bits(8);
    hiBits.in <== hi;
    lo + 256 * hi === shift;
    signal shf0;
    shf0 <-- shift & 255;
    component bits = Num2Bits(8);
    bits.in <== shf0;
    signal pow[9];
    pow[0] <== 1;
    for (var i = 0; i < 8; i++) {
        pow[i + 1] <== pow[i] * (1 + bits.out[i] * ((1 << (1 << i)) - 1));
    }
    component small = IsZero();
    small.in <== hi;
    signal shifted;
    shifted <== x * pow[8];
    out <== shifted * small.out;
}

component main = ShiftLeft();
