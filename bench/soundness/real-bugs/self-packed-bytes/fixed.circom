// Fixed twin of: Self packed byte overflow — every byte is range-checked before packing.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template IsForbidden(forbidden) {
    signal input code[3];
    signal output hit;
    component range[3];
    for (var i = 0; i < 3; i++) {
        range[i] = Num2Bits(8);
        range[i].in <== code[i];
    }
    component eq = IsEqual();
    eq.in[0] <== code[0] + code[1] * 256 + code[2] * 65536;
    eq.in[1] <== forbidden;
    hit <== eq.out;
}

component main = IsForbidden(4281170);
