pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// q = a div d, r = a mod d for unsigned bits-bit integers a and d > 0. q and r are hints, pinned by
// a = q * d + r with q, r range-checked to bits bits and d - 1 - r range-checked to bits bits,
// i.e. 0 <= r < d (which also refuses d = 0). bits <= 125 keeps q * d + r < 2^(2 bits + 1) < p,
// so the equation holds over the integers, not just mod p.
template IntDivRem(bits) {
    assert(bits <= 125);
    signal input a;
    signal input d;
    signal output q;
    signal output r;
    component aRange = Num2Bits(bits);
    aRange.in <== a;
    _ <== aRange.out; // range check only: the bits are not needed
    component dRange = Num2Bits(bits);
    dRange.in <== d;
    _ <== dRange.out; // range check only: the bits are not needed
    q <-- d != 0 ? a \ d : 0;
    r <-- d != 0 ? a % d : 0;
    component qRange = Num2Bits(bits);
    qRange.in <== q;
    _ <== qRange.out; // range check only: the bits are not needed
    component rRange = Num2Bits(bits);
    rRange.in <== r;
    _ <== rRange.out; // range check only: the bits are not needed
    // r < d  <=>  d - 1 - r in [0, 2^bits): a negative difference wraps to near p and fails.
    component rBelowD = Num2Bits(bits);
    rBelowD.in <== d - 1 - r;
    _ <== rBelowD.out; // range check only: the bits are not needed
    a === q * d + r;
}
