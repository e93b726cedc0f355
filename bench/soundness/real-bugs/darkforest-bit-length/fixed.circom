// Fixed twin of: Dark Forest missing bit-length check — both comparator inputs are 32-bit checked.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template InRange(bits) {
    signal input x;
    signal input r;
    signal output square;
    component bx = Num2Bits(bits);
    bx.in <== x;
    component br = Num2Bits(bits);
    br.in <== r;
    component lt = LessThan(bits);
    lt.in[0] <== x;
    lt.in[1] <== r;
    lt.out === 1;
    square <== x * x;
}

component main = InRange(32);
