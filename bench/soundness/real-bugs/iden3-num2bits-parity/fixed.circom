// Fixed twin of: iden3 unsafe Num2Bits — Num2Bits_strict rejects the aliased decomposition.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template Parity() {
    signal input x;
    signal output odd;
    component bits = Num2Bits_strict();
    bits.in <== x;
    odd <== bits.out[0];
}

component main = Parity();
