pragma circom 2.1.0;

// out = round(GELU(x / 4) * 2^8), for x in [-16, 15]: input fixed point with 2 fractional bits (real domain
// [-4, 3.75]), output fixed point with 8 fractional bits, rounded to nearest. The 32 table entries
// are constants (index x + 16); the lookup is a one-hot selector: every sel[i] boolean, sum 1,
// sum(i * sel[i]) = x + 16. An x outside the domain has no selector and is refused (clip first to
// saturate).
function GeluLookupTable(i) {
    var table[32] = [0, 0, 0, 0, -1, -2, -4, -7, -12, -18, -26, -34, -41, -44, -39, -26, 0, 38, 89, 148, 215, 286, 358, 430, 500, 569, 636, 702, 767, 832, 896, 960];
    return table[i];
}

template GeluLookup() {
    signal input x;
    signal output out;
    signal sel[32];

    // Witness: the one-hot selector for index x + 16.
    for (var i = 0; i < 32; i++) sel[i] <-- (x + 16 == i) ? 1 : 0;

    // Constraints: booleanity, sum to one, index binding; out is the selected constant.
    var count = 0;
    var index = 0;
    var value = 0;
    for (var i = 0; i < 32; i++) {
        sel[i] * (sel[i] - 1) === 0;
        count += sel[i];
        index += i * sel[i];
        value += GeluLookupTable(i) * sel[i];
    }
    count === 1;
    index === x + 16;
    out <== value;
}
