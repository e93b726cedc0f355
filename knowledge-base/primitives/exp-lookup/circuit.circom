pragma circom 2.1.0;

// exp(x / 2) * 2^12, rounded to nearest, for x in [-15, 0]: the exponential of a non-positive
// fixed-point number with 1 fractional bit (real domain [-7.5, 0]) as a fixed-point number with 12
// fractional bits. The table entries are constants; the lookup is constrained by a one-hot
// selector: every sel[i] is boolean, they sum to 1, and sum(i * sel[i]) = -x, so exactly one entry
// is chosen and it is entry -x. An x outside [-15, 0] has no valid selector and is refused.
// Larger domains: split t = -x into digits t = 16 * hi + lo and use exp(-t) = E_hi[hi] * E_lo[lo]
// (two small tables, one fixed-point multiply and rescale) instead of one table of size 2^bits.
function expTable(i) {
    var table[16] = [4096, 2484, 1507, 914, 554, 336, 204, 124, 75, 46, 28, 17, 10, 6, 4, 2];
    return table[i];
}

template ExpLookup() {
    signal input x;
    signal output out;
    signal sel[16];

    // Witness: the one-hot selector for t = -x.
    for (var i = 0; i < 16; i++) sel[i] <-- (x + i == 0) ? 1 : 0;

    // Constraints: booleanity, sum to one, selected index equals -x; out is the selected entry.
    var count = 0;
    var index = 0;
    var value = 0;
    for (var i = 0; i < 16; i++) {
        sel[i] * (sel[i] - 1) === 0;
        count += sel[i];
        index += i * sel[i];
        value += expTable(i) * sel[i];
    }
    count === 1;
    index + x === 0;
    out <== value;
}
