pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

function layerNormNumBits(v) {
    var b = 0;
    while ((1 << b) <= v) b++;
    return b;
}

// LayerNorm without affine terms over n signed fixed-point x[i] in SInt(bits) with frac fractional
// bits: out[i] = (x[i] - mean) / sqrt(var + eps) with frac fractional bits, computed exactly in
// integers: d[i] = n * x[i] - sum(x) = n * (x[i] - mean), D = sum(d[i]^2) = n^3 * 2^(2 frac) * var,
// eps = 1 / (n^3 * 2^(2 frac)) (one unit of D), so out[i] = d[i] * sqrt(n / (D + 1)) * 2^frac.
// Two floors: inv = floor(2^R * sqrt(n / (D + 1))) with R = frac + 16, proven by the range-checked
// residuals n * 2^(2R) - inv^2 (D + 1) >= 0 and (inv + 1)^2 (D + 1) - n * 2^(2R) - 1 >= 0; then
// out[i] = floor(d[i] * inv / 2^(R - frac)) (toward -infinity) with remainder in [0, 2^16) and
// out[i] in SInt(bits). Every x[i] is range-checked.
template LayerNorm(n, bits, frac) {
    signal input x[n];
    signal output out[n];

    var R = frac + 16;
    var half = 1 << (bits - 1);
    var target = n * (1 << (2 * R));
    var dMax = n * (1 << bits);
    var invBits = R + layerNormNumBits(n);
    var lowBits = layerNormNumBits(target);
    var highBits = (lowBits > invBits + 1 + layerNormNumBits(n * dMax * dMax + 1) ? lowBits : invBits + 1 + layerNormNumBits(n * dMax * dMax + 1)) + 1;

    component xBits[n];
    var sum = 0;
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
        sum += x[i];
    }
    signal square[n];
    var total = 1;
    for (var i = 0; i < n; i++) {
        square[i] <== (n * x[i] - sum) * (n * x[i] - sum);
        total += square[i];
    }
    signal denominator <== total;

    // Witness: inv = floor(2^R * sqrt(n / (D + 1))) by bisection.
    var lo = 0;
    var hi = 1 << invBits;
    while (hi - lo > 1) {
        var mid = (lo + hi) \ 2;
        if (mid * mid * denominator <= target) lo = mid; else hi = mid;
    }
    signal inv <-- lo;

    // Constraints: inv in invBits bits; inv^2 (D + 1) <= n 2^(2R) < (inv + 1)^2 (D + 1).
    component invRange = Num2Bits(invBits);
    invRange.in <== inv;
    signal invSquare <== inv * inv;
    signal low <== invSquare * denominator;
    signal next <== (invSquare + 2 * inv + 1) * denominator;
    component lowRange = Num2Bits(lowBits);
    lowRange.in <== target - low;
    component highRange = Num2Bits(highBits);
    highRange.in <== next - target - 1;

    // out[i] = floor(d[i] * inv / 2^16): d[i] * inv = out[i] * 2^16 + r[i].
    signal scaled[n];
    signal r[n];
    component rRange[n];
    component outRange[n];
    var shift = 1 << 100;
    for (var i = 0; i < n; i++) {
        scaled[i] <== (n * x[i] - sum) * inv;
        out[i] <-- ((scaled[i] + shift) >> 16) - (shift >> 16);
        r[i] <-- (scaled[i] + shift) & 65535;
        scaled[i] === out[i] * 65536 + r[i];
        rRange[i] = Num2Bits(16);
        rRange[i].in <== r[i];
        outRange[i] = Num2Bits(bits);
        outRange[i].in <== out[i] + half;
    }
}
