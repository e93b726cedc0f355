pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = 1 if x[0] <= x[1] <= ... <= x[n-1] (non-decreasing) else 0, for unsigned x[i] in
// [0, 2^bits), every one range-checked here. Each adjacent comparison is a boolean witness le[i]
// pinned by a range check: x[i+1] - x[i] + 2^bits - le[i] * 2^bits in [0, 2^bits), so le[i] = 1
// exactly when x[i] <= x[i+1] (sound because both sides are range-checked first).
template IsSorted(n, bits) {
    signal input x[n];
    signal output out;
    signal le[n - 1];
    signal all[n - 1];

    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i];
    }

    component gapBits[n - 1];
    for (var i = 0; i < n - 1; i++) {
        // Witness: le[i] = (x[i] <= x[i+1]), from the top bit of the offset difference.
        le[i] <-- ((x[i + 1] - x[i] + (1 << bits)) >> bits) & 1;
        // Constraints: le[i] boolean and the offset difference without its top bit in [0, 2^bits).
        le[i] * (le[i] - 1) === 0;
        gapBits[i] = Num2Bits(bits);
        gapBits[i].in <== x[i + 1] - x[i] + (1 << bits) - le[i] * (1 << bits);
        if (i == 0) all[i] <== le[i];
        else all[i] <== all[i - 1] * le[i];
    }
    out <== all[n - 2];
}
