pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = floor(acc / 2^frac) for |acc| < 2^(2 bits + 7): acc = out * 2^frac + r with r in
// [0, 2^frac) and out in SInt(bits) (an overflowing result is refused, not wrapped).
template MatMulRescale(bits, frac) {
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

// Fixed-point matrix product: out = floor(a . b / 2^frac) elementwise, a of m x k and b of k x n,
// all entries signed fixed-point in SInt(bits) with frac fractional bits (p - |x| when negative).
// Rounding: floor toward -infinity on the exact dot products. Every entry of a and b is
// range-checked; each output's remainder is in [0, 2^frac) and each output in SInt(bits).
template MatMul(m, k, n, bits, frac) {
    signal input a[m][k];
    signal input b[k][n];
    signal output out[m][n];

    var half = 1 << (bits - 1);
    component aBits[m][k];
    for (var i = 0; i < m; i++) for (var t = 0; t < k; t++) {
        aBits[i][t] = Num2Bits(bits);
        aBits[i][t].in <== a[i][t] + half;
    }
    component bBits[k][n];
    for (var t = 0; t < k; t++) for (var j = 0; j < n; j++) {
        bBits[t][j] = Num2Bits(bits);
        bBits[t][j].in <== b[t][j] + half;
    }
    signal product[m][n][k];
    component rescale[m][n];
    for (var i = 0; i < m; i++) for (var j = 0; j < n; j++) {
        var acc = 0;
        for (var t = 0; t < k; t++) {
            product[i][j][t] <== a[i][t] * b[t][j];
            acc += product[i][j][t];
        }
        rescale[i][j] = MatMulRescale(bits, frac);
        rescale[i][j].acc <== acc;
        out[i][j] <== rescale[i][j].out;
    }
}
