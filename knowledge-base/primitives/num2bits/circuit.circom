pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = the n little-endian bits of x; proves x < 2^n. circomlib's Num2Bits is sound here: each
// bit is constrained boolean and sum(out[i] * 2^i) = x. For n <= 253 the sum is < p, so the
// decomposition is unique; for 254 bits use Num2BitsStrict (aliasing).
template SafeNum2Bits(n) {
    assert(n <= 253);
    signal input x;
    signal output out[n];
    component decompose = Num2Bits(n);
    decompose.in <== x;
    out <== decompose.out;
}
