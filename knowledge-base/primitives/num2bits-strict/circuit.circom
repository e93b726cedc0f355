pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = the canonical 254-bit little-endian decomposition of any field element x. 254 bits can
// also hold x + p (for x < 2^254 - p), and both sum to x mod p; circomlib's Num2Bits_strict adds
// AliasCheck (CompConstant(p - 1)) so that only the decomposition < p is accepted.
template Num2BitsStrict() {
    signal input x;
    signal output out[254];
    component decompose = Num2Bits_strict();
    decompose.in <== x;
    out <== decompose.out;
}
