pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = floor(acc / 2^frac) for |acc| < 2^(2 bits + 7): acc = out * 2^frac + r with r in
// [0, 2^frac) and out in SInt(bits) (an overflowing result is refused, not wrapped).
template Conv1DRescale(bits, frac) {
    signal input acc;
    signal output out;
    signal r;
    var shift = 1 << (2 * bits + 7);
    // Witness: shift to unsigned so integer division floors negatives too.
    out <-- ((acc + shift) >> frac) - (shift >> frac);
    r <-- (acc + shift) & ((1 << frac) - 1);
    // Constraints: the division identity and both range checks.
    acc === out * (1 << frac) + r;
    component rBits = Num2Bits(frac);
    rBits.in <== r;
    component outBits = Num2Bits(bits);
    outBits.in <== out + (1 << (bits - 1));
}

// 1-D convolution (cross-correlation, as in ML frameworks), valid padding, stride 1, one channel:
// out[i] = floor((sum_j w[j] * x[i + j] + b * 2^frac) / 2^frac) for i in [0, n - k], with x, w, b
// signed fixed-point in SInt(bits) with frac fractional bits (p - |x| when negative). Rounding:
// floor toward -infinity. Every input is range-checked; each output's remainder is in
// [0, 2^frac) and each output in SInt(bits).
template Conv1D(n, k, bits, frac) {
    signal input x[n];
    signal input w[k];
    signal input b;
    signal output out[n - k + 1];

    var half = 1 << (bits - 1);
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }
    component wBits[k];
    for (var j = 0; j < k; j++) {
        wBits[j] = Num2Bits(bits);
        wBits[j].in <== w[j] + half;
    }
    component bBits = Num2Bits(bits);
    bBits.in <== b + half;

    signal product[n - k + 1][k];
    component rescale[n - k + 1];
    for (var i = 0; i < n - k + 1; i++) {
        var acc = b * (1 << frac);
        for (var j = 0; j < k; j++) {
            product[i][j] <== w[j] * x[i + j];
            acc += product[i][j];
        }
        rescale[i] = Conv1DRescale(bits, frac);
        rescale[i].acc <== acc;
        out[i] <== rescale[i].out;
    }
}
