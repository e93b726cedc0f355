pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template Max2() {
    signal input a;
    signal input b;
    signal output out;
    signal lt <== LessThan(3)([a, b]);
    out <== a + lt * (b - a);
}

// e[i] = EXP[m - x[i]] by table selection; y[i] = floor(256 e[i] / S) from hints q, r with
// 256 e = q S + r, r < S (S <= 1024, 11 bits) and q range-checked to 9 bits.
template Softmax4() {
    signal input x[4];
    signal output y[4];
    var EXP[8] = [256, 94, 35, 13, 5, 2, 1, 0];
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(3)(x[i]);
    }
    signal m <== Max2()(Max2()(x[0], x[1]), Max2()(x[2], x[3]));
    signal hit[4][8];
    signal e[4];
    var total = 0;
    for (var i = 0; i < 4; i++) {
        var found = 0;
        var acc = 0;
        for (var d = 0; d < 8; d++) {
            hit[i][d] <== IsEqual()([m - x[i], d]);
            found += hit[i][d];
            acc += hit[i][d] * EXP[d];
        }
        found === 1;
        e[i] <== acc;
        total += e[i];
    }
    signal s <== total;
    signal r[4];
    signal below[4];
    for (var i = 0; i < 4; i++) {
        y[i] <-- (256 * e[i]) \ s;
        r[i] <-- (256 * e[i]) % s;
        _ <== Num2Bits(9)(y[i]);
        _ <== Num2Bits(11)(r[i]);
        below[i] <== LessThan(11)([r[i], s]);
        below[i] === 1;
        256 * e[i] === y[i] * s + r[i];
    }
}

component main = Softmax4();
