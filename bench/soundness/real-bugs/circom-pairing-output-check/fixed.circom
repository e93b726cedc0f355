// Fixed twin of: circom-pairing missing output check — the comparator's output is constrained to 1.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Reduced(n, modulus) {
    signal input x;
    signal output doubled;
    component bits = Num2Bits(n);
    bits.in <== x;
    component lt = LessThan(n);
    lt.in[0] <== x;
    lt.in[1] <== modulus;
    lt.out === 1;
    doubled <== 2 * x;
}

component main = Reduced(16, 40000);
