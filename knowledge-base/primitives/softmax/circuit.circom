pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// Softmax over a row of n signed fixed-point logits x[i] in SInt(bits) with 1 fractional bit.
// out[i] = floor(e[i] * 2^8 / sum(e)) is a probability with 8 fractional bits (256 = 1.0), where
// e[i] = round(exp((x[i] - max) / 2) * 2^12) from a 16-entry table, and e[i] = 0 when
// rowMax - x[i] >= 16 (exp(-8) * 2^12 < 1.4). Rounding: floor, so sum(out) is in [256 - (n - 1), 256].
// Range-checked: every x[i] (SInt(bits)); rowMax - x[i] in [0, 2^bits) for every i and
// prod(rowMax - x[i]) = 0, so rowMax is the true maximum; the lookup is a one-hot selector (boolean,
// sum 1, index = low 4 bits of rowMax - x[i]); each division has its remainder in [0, sum) and its
// quotient in [0, 2^9).
function softmaxExpTable(i) {
    var table[16] = [4096, 2484, 1507, 914, 554, 336, 204, 124, 75, 46, 28, 17, 10, 6, 4, 2];
    return table[i];
}

function softmaxNumBits(v) {
    var n = 0;
    while ((1 << n) <= v) n++;
    return n;
}

template Softmax(n, bits) {
    signal input x[n];
    signal output out[n];

    var half = 1 << (bits - 1);
    var sumBits = softmaxNumBits(n * 4096);

    // The inputs are SInt(bits).
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }

    // Witness: the row maximum (compared as offset unsigned values).
    var best = x[0];
    for (var i = 1; i < n; i++) {
        if (x[i] + half > best + half) best = x[i];
    }
    signal rowMax <-- best;

    // Constraints: rowMax >= x[i] for all i (range-checked difference) and rowMax equals some x[i].
    component diffBits[n];
    signal prod[n];
    for (var i = 0; i < n; i++) {
        diffBits[i] = Num2Bits(bits);
        diffBits[i].in <== rowMax - x[i];
        if (i == 0) prod[i] <== rowMax - x[i];
        else prod[i] <== prod[i - 1] * (rowMax - x[i]);
    }
    prod[n - 1] === 0;

    // exp lookup on t = rowMax - x[i]: the low 4 bits index the table, the high bits must be zero.
    component highIsZero[n];
    signal sel[n][16];
    signal looked[n];
    signal e[n];
    var sum = 0;
    for (var i = 0; i < n; i++) {
        var low = 0;
        for (var j = 0; j < 4; j++) low += diffBits[i].out[j] * (1 << j);
        var high = 0;
        for (var j = 4; j < bits; j++) high += diffBits[i].out[j] * (1 << (j - 4));
        highIsZero[i] = IsZero();
        highIsZero[i].in <== high;

        for (var j = 0; j < 16; j++) sel[i][j] <-- (low == j) ? 1 : 0;
        var count = 0;
        var index = 0;
        var value = 0;
        for (var j = 0; j < 16; j++) {
            sel[i][j] * (sel[i][j] - 1) === 0;
            count += sel[i][j];
            index += j * sel[i][j];
            value += softmaxExpTable(j) * sel[i][j];
        }
        count === 1;
        index === low;
        looked[i] <== value;
        e[i] <== looked[i] * highIsZero[i].out;
        sum += e[i];
    }

    // out[i] = floor(e[i] * 2^8 / sum): e[i] * 2^8 = out[i] * sum + r[i], 0 <= r[i] < sum.
    // sum >= 4096 because the maximum's own entry is exp(0) * 2^12.
    signal total <== sum;
    signal r[n];
    component rBits[n];
    component gapBits[n];
    component outBits[n];
    for (var i = 0; i < n; i++) {
        out[i] <-- (e[i] * 256) \ total;
        r[i] <-- (e[i] * 256) % total;
        e[i] * 256 === out[i] * total + r[i];
        rBits[i] = Num2Bits(sumBits);
        rBits[i].in <== r[i];
        gapBits[i] = Num2Bits(sumBits);
        gapBits[i].in <== total - 1 - r[i];
        outBits[i] = Num2Bits(9);
        outBits[i].in <== out[i];
    }
}
