pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Hints q and r are range-checked to 8 bits and r < b (which also refuses b = 0);
// q·b + r < 2^16 cannot wrap around the field.
template DivMod8() {
    signal input a;
    signal input b;
    signal output q;
    signal output r;
    _ <== Num2Bits(8)(a);
    _ <== Num2Bits(8)(b);
    q <-- a \ b;
    r <-- a % b;
    _ <== Num2Bits(8)(q);
    _ <== Num2Bits(8)(r);
    signal below <== LessThan(8)([r, b]);
    below === 1;
    a === q * b + r;
}

component main = DivMod8();
