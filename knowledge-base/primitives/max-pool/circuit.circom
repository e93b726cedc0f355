pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// 1-D max pooling, window k, stride k (no padding): out[j] = max(x[j*k], ..., x[j*k + k - 1]) for
// signed x[i] in SInt(bits) (p - |x| when negative), n divisible by k. Every x[i] is range-checked;
// each window maximum is a witness pinned by out[j] - x[i] in [0, 2^bits) for the window's i
// (range-checked differences, not an unchecked comparator) and prod(out[j] - x[i]) = 0 (it is one
// of the window's elements). A 2-D k x k pool is the same over each flattened window.
template MaxPool1D(n, k, bits) {
    signal input x[n];
    signal output out[n \ k];
    assert(n % k == 0);

    var half = 1 << (bits - 1);
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }

    component gapBits[n];
    signal prod[n];
    for (var w = 0; w < n \ k; w++) {
        // Witness: the window maximum (offset values compare as signed ones).
        var best = x[w * k];
        for (var i = 1; i < k; i++) {
            if (x[w * k + i] + half > best + half) best = x[w * k + i];
        }
        out[w] <-- best;
        // Constraints: out[w] >= every element of the window and equals one of them.
        for (var i = 0; i < k; i++) {
            var at = w * k + i;
            gapBits[at] = Num2Bits(bits);
            gapBits[at].in <== out[w] - x[at];
            if (i == 0) prod[at] <== out[w] - x[at];
            else prod[at] <== prod[at - 1] * (out[w] - x[at]);
        }
        prod[w * k + k - 1] === 0;
    }
}
