pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

function avgPoolNumBits(v) {
    var n = 0;
    while ((1 << n) <= v) n++;
    return n;
}

// 1-D average pooling, window k, stride k (no padding): out[j] = floor(sum(x[j*k .. j*k + k)) / k)
// for signed x[i] in SInt(bits) (p - |x| when negative), n divisible by k. Rounding: floor toward
// -infinity (-1/3 -> -1). Every x[i] is range-checked; each division sum = out[j] * k + r[j] has
// r[j] in [0, k) (r and k - 1 - r range-checked) and out[j] in SInt(bits).
template AvgPool1D(n, k, bits) {
    signal input x[n];
    signal output out[n \ k];
    signal r[n \ k];
    assert(n % k == 0);

    var half = 1 << (bits - 1);
    var kBits = avgPoolNumBits(k);
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }

    component rBits[n \ k];
    component gapBits[n \ k];
    component outBits[n \ k];
    for (var w = 0; w < n \ k; w++) {
        var sum = 0;
        for (var i = 0; i < k; i++) sum += x[w * k + i];
        // Witness: shift the sum to unsigned so integer division floors negatives too.
        out[w] <-- ((sum + k * half) \ k) - half;
        r[w] <-- (sum + k * half) % k;
        // Constraints: the division identity, 0 <= r < k, out in SInt(bits).
        sum === out[w] * k + r[w];
        rBits[w] = Num2Bits(kBits);
        rBits[w].in <== r[w];
        gapBits[w] = Num2Bits(kBits);
        gapBits[w].in <== k - 1 - r[w];
        outBits[w] = Num2Bits(bits);
        outBits[w].in <== out[w] + half;
    }
}
