pragma circom 2.1.0;
include "circomlib/circuits/bitify.circom";

// Inner product of two length-3 vectors of 8-bit unsigned integers (each range-checked).
template Dot3() {
    signal input x[3];
    signal input w[3];
    signal output out;
    component rangeX[3];
    component rangeW[3];
    signal partial[3];
    for (var i = 0; i < 3; i++) {
        rangeX[i] = Num2Bits(8);
        rangeX[i].in <== x[i];
        rangeW[i] = Num2Bits(8);
        rangeW[i].in <== w[i];
        partial[i] <== x[i] * w[i];
    }
    out <== partial[0] + partial[1] + partial[2];
}

component main = Dot3();
