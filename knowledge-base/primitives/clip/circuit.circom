pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = min(max(x, lo), hi): clip / saturate x to [lo, hi], for x, lo, hi in SInt(bits)
// (p - |x| when negative), all three range-checked; precondition lo <= hi (hi - lo range-checked
// to [0, 2^bits)). The comparisons are boolean witnesses pinned by range checks:
// below = 1 iff x < lo (x - lo + below * 2^bits in [0, 2^bits)) and above = 1 iff x > hi
// (hi - x + above * 2^bits in [0, 2^bits)).
template Clip(bits) {
    signal input x;
    signal input lo;
    signal input hi;
    signal output out;
    signal below;
    signal above;

    var half = 1 << (bits - 1);
    var top = 1 << bits;
    component xBits = Num2Bits(bits);
    xBits.in <== x + half;
    component loBits = Num2Bits(bits);
    loBits.in <== lo + half;
    component hiBits = Num2Bits(bits);
    hiBits.in <== hi + half;
    component order = Num2Bits(bits);
    order.in <== hi - lo;

    // Witness: the two comparisons, from the sign of the offset differences.
    below <-- 1 - (((x - lo + top) >> bits) & 1);
    above <-- 1 - (((hi - x + top) >> bits) & 1);
    // Constraints: boolean, and pinned by range-checked differences.
    below * (below - 1) === 0;
    above * (above - 1) === 0;
    component belowBits = Num2Bits(bits);
    belowBits.in <== x - lo + below * top;
    component aboveBits = Num2Bits(bits);
    aboveBits.in <== hi - x + above * top;

    signal clipped <== x + below * (lo - x);
    out <== clipped + above * (hi - x);
}
