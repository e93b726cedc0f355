pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// The product of two 32-bit values is below 2^64 < p, so range-checking it to 32 bits is exact.
template CheckedMul32() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(32)(a);
    _ <== Num2Bits(32)(b);
    out <== a * b;
    _ <== Num2Bits(32)(out);
}

component main = CheckedMul32();
