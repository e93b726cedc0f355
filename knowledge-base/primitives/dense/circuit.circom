pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = floor(acc / 2^frac) for |acc| < 2^(2 bits + 7): acc = out * 2^frac + r with r in
// [0, 2^frac) and out in SInt(bits) (an overflowing result is refused, not wrapped).
template DenseRescale(bits, frac) {
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

// Dense (fully connected) layer: out[j] = floor((sum_i w[j][i] * x[i] + b[j] * 2^frac) / 2^frac)
// for signed fixed-point x, w, b in SInt(bits) with frac fractional bits (p - |x| when negative);
// out has the same format. Rounding: floor toward -infinity. Every input is range-checked; each
// output's remainder is in [0, 2^frac) and each output in SInt(bits) (overflow is refused).
template Dense(m, n, bits, frac) {
    signal input x[n];
    signal input w[m][n];
    signal input b[m];
    signal output out[m];

    var half = 1 << (bits - 1);
    component xBits[n];
    for (var i = 0; i < n; i++) {
        xBits[i] = Num2Bits(bits);
        xBits[i].in <== x[i] + half;
    }
    component wBits[m][n];
    component bBits[m];
    signal product[m][n];
    component rescale[m];
    for (var j = 0; j < m; j++) {
        bBits[j] = Num2Bits(bits);
        bBits[j].in <== b[j] + half;
        var acc = b[j] * (1 << frac);
        for (var i = 0; i < n; i++) {
            wBits[j][i] = Num2Bits(bits);
            wBits[j][i].in <== w[j][i] + half;
            product[j][i] <== w[j][i] * x[i];
            acc += product[j][i];
        }
        rescale[j] = DenseRescale(bits, frac);
        rescale[j].acc <== acc;
        out[j] <== rescale[j].out;
    }
}
