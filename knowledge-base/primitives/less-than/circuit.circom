pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// out = 1 if a < b else 0, for a and b range-checked to `bits` bits HERE. circomlib's LessThan
// is only correct when both inputs are < 2^bits; on unchecked inputs a prover can pass a field
// element near p (a "negative" number) and flip the answer. Num2Bits(bits) on a and b enforces it.
template SafeLessThan(bits) {
    assert(bits <= 252);
    signal input a;
    signal input b;
    signal output out;
    component aRange = Num2Bits(bits);
    component bRange = Num2Bits(bits);
    aRange.in <== a;
    _ <== aRange.out; // range check only: the bits are not needed
    bRange.in <== b;
    _ <== bRange.out; // range check only: the bits are not needed
    component lt = LessThan(bits);
    lt.in[0] <== a;
    lt.in[1] <== b;
    out <== lt.out;
}
