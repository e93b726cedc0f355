pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = argmax(x), for signed
// x[i] in SInt(bits) (p - |x| when negative). Ties go to the FIRST maximal index. Every x[i] is
// range-checked to SInt(bits). The index is a one-hot selector sel (each boolean, sum 1,
// index = sum(i * sel[i])); with m = x[index] and before[i] = 1 for i < index, every
// m - x[i] - before[i] is range-checked to [0, 2^bits): m >= x[i] after the index and m > x[i]
// before it, which pins the first maximum.
template Argmax(n, bits) {
    signal input x[n];
    signal output out;
    signal sel[n];
    signal picked[n];

    var half = 1 << (bits - 1);
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }

    // Witness: the first index of the maximum (offset values compare as signed ones).
    var best = 0;
    for (var i = 1; i < n; i++) {
        if (x[i] + half > x[best] + half) best = i;
    }
    for (var i = 0; i < n; i++) sel[i] <-- (i == best) ? 1 : 0;

    // Constraints: sel is one-hot; m = x[index].
    var count = 0;
    var index = 0;
    var m = 0;
    for (var i = 0; i < n; i++) {
        sel[i] * (sel[i] - 1) === 0;
        count += sel[i];
        index += i * sel[i];
        picked[i] <== sel[i] * x[i];
        m += picked[i];
    }
    count === 1;
    out <== index;

    // m - x[i] - before[i] in [0, 2^bits), before[i] = sum(sel[j], j > i) = 1 iff i < index.
    component gapBits[n];
    for (var i = 0; i < n; i++) {
        var before = 0;
        for (var j = i + 1; j < n; j++) before += sel[j];
        gapBits[i] = Num2Bits(bits);
        gapBits[i].in <== m - x[i] - before;
    }
}
