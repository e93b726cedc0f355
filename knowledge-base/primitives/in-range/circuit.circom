pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// out = 1 if lo <= x <= hi else 0, for x, lo and hi range-checked to `bits` bits HERE (circomlib's
// comparators are unsound on unchecked inputs). out = (x >= lo) * (x <= hi).
template InRange(bits) {
    assert(bits <= 252);
    signal input x;
    signal input lo;
    signal input hi;
    signal output out;
    component xRange = Num2Bits(bits);
    component loRange = Num2Bits(bits);
    component hiRange = Num2Bits(bits);
    xRange.in <== x;
    _ <== xRange.out; // range check only: the bits are not needed
    loRange.in <== lo;
    _ <== loRange.out; // range check only: the bits are not needed
    hiRange.in <== hi;
    _ <== hiRange.out; // range check only: the bits are not needed
    component aboveLo = GreaterEqThan(bits);
    aboveLo.in[0] <== x;
    aboveLo.in[1] <== lo;
    component belowHi = LessEqThan(bits);
    belowHi.in[0] <== x;
    belowHi.in[1] <== hi;
    out <== aboveLo.out * belowHi.out;
}
