pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = max(x, 0) for x in SInt(bits) (p - |x| when negative). The sign is not an unchecked
// comparison: a boolean witness s is pinned by the range-checked decomposition
// x + 2^(bits-1) = s * 2^(bits-1) + low with low in [0, 2^(bits-1)), so s = 1 exactly when x >= 0,
// and x itself is proven to be SInt(bits).
template ReLU(bits) {
    signal input x;
    signal output out;
    signal s;

    var half = 1 << (bits - 1);
    // Witness: s = 1 when x + 2^(bits-1) has its top bit set, i.e. x >= 0.
    s <-- ((x + half) >> (bits - 1)) & 1;

    // Constraints: s is boolean and x + 2^(bits-1) - s * 2^(bits-1) is in [0, 2^(bits-1)).
    s * (s - 1) === 0;
    component low = Num2Bits(bits - 1);
    low.in <== x + half - s * half;
    out <== s * x;
}
