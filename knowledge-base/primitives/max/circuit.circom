pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = max(x[0..n)) for signed x[i] in SInt(bits) (p - |x| when negative). Every x[i] is
// range-checked to SInt(bits); out is a witness pinned by out - x[i] in [0, 2^bits) for every i
// (out >= every element: a range-checked difference, not an unchecked comparator) and
// prod(out - x[i]) = 0 (out is one of the elements).
template Max(n, bits) {
    signal input x[n];
    signal output out;

    var half = 1 << (bits - 1);
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }

    // Witness: the maximum, comparing offset (unsigned) values.
    var best = x[0];
    for (var i = 1; i < n; i++) {
        if (x[i] + half > best + half) best = x[i];
    }
    out <-- best;

    // Constraints: out >= x[i] for all i, and out equals some x[i].
    component diffBits[n];
    signal prod[n];
    for (var i = 0; i < n; i++) {
        diffBits[i] = Num2Bits(bits);
        diffBits[i].in <== out - x[i];
        if (i == 0) prod[i] <== out - x[i];
        else prod[i] <== prod[i - 1] * (out - x[i]);
    }
    prod[n - 1] === 0;
}
