// Real bug: iden3 circuits — unsafe use of Num2Bits(254): the bits of x + p are accepted too, so the
// parity (and any bit) read from them is the prover's choice.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circuits/trailofbits_unsafe_use_of_num2bits_in_multiple_circuits
// Class: vector
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template Parity() {
    signal input x;
    signal output odd;
    component bits = Num2Bits(254);
    bits.in <== x;
    odd <== bits.out[0];
}

component main = Parity();
