pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// Proves x < 2^bits (as an unsigned integer, i.e. x in 0..2^bits - 1) and outputs the checked
// value as out. Num2Bits(bits) constrains every bit boolean and their weighted sum to x; bits <= 253
// keeps that sum below p, so no aliased decomposition exists.
template RangeCheck(bits) {
    assert(bits <= 253);
    signal input x;
    signal output out;
    component xBits = Num2Bits(bits);
    xBits.in <== x;
    // out is rebuilt from the bits (one linear constraint) rather than `out <== x`, which circom's
    // --O1 simplification would merge with the input.
    var sum = 0;
    for (var i = 0; i < bits; i++) {
        sum += xBits.out[i] * (1 << i);
    }
    out <== sum;
}
