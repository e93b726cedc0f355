pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = floor(x / 2^k) for a signed fixed-point value x of SInt(bits) (field element p - |x| when
// negative). Rounding is floor, i.e. toward -infinity, for negatives too: -1 >> 4 = -1, -17 >> 4 = -2
// (an arithmetic shift, not truncation toward zero). Proves x = out * 2^k + r with r range-checked
// to [0, 2^k) and out range-checked to SInt(bits - k); together they also prove x is SInt(bits).
template Rescale(bits, k) {
    signal input x;
    signal output out;
    signal r;

    var half = 1 << (bits - 1);
    var outHalf = 1 << (bits - 1 - k);

    // Witness: shift to unsigned first so integer division floors negatives as well.
    out <-- ((x + half) >> k) - outHalf;
    r <-- (x + half) & ((1 << k) - 1);

    // Constraints: the division identity, remainder in [0, 2^k), quotient in SInt(bits - k).
    x === out * (1 << k) + r;
    component rBits = Num2Bits(k);
    rBits.in <== r;
    component outBits = Num2Bits(bits - k);
    outBits.in <== out + outHalf;
}
