pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// Bit i of the result is bit (i - 7) mod 32 of x; Num2Bits range-checks x to 32 bits.
template Rotl7() {
    signal input x;
    signal output out;
    component n = Num2Bits(32);
    n.in <== x;
    var acc = 0;
    for (var i = 0; i < 32; i++) {
        acc += n.out[(i + 25) % 32] * (1 << i);
    }
    out <== acc;
}

component main = Rotl7();
