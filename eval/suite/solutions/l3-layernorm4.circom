pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

function isqrt(v) {
    var r = 0;
    while ((r + 1) * (r + 1) <= v) {
        r++;
    }
    return r;
}

// mu: t = sum + 512 in [0, 1020], bits 2..9 of t are mu + 128. d = x - mu is in [-255, 255],
// V = sum d^2 < 2^18 and v = bits 2..17 of V. sigma is a hint pinned by sigma^2 <= v < (sigma+1)^2.
// y = floor(16 d / den), den = sigma + 1: u = 16 d + 4096 den >= 0, hints q, r with
// u = q den + r, r < den (9 bits), q < 2^21, and y = q - 4096.
template LayerNorm4() {
    signal input x[4];
    signal output y[4];
    var sum = 0;
    for (var i = 0; i < 4; i++) {
        _ <== Num2Bits(8)(x[i] + 128);
        sum += x[i];
    }
    signal tb[10] <== Num2Bits(10)(sum + 512);
    var mu = 0;
    for (var k = 2; k < 10; k++) {
        mu += tb[k] * (1 << (k - 2));
    }
    signal d[4];
    signal sq[4];
    var total = 0;
    for (var i = 0; i < 4; i++) {
        d[i] <== x[i] - (mu - 128);
        sq[i] <== d[i] * d[i];
        total += sq[i];
    }
    signal vb[18] <== Num2Bits(18)(total);
    var v = 0;
    for (var k = 2; k < 18; k++) {
        v += vb[k] * (1 << (k - 2));
    }
    signal sigma;
    sigma <-- isqrt(v);
    _ <== Num2Bits(8)(sigma);
    signal sigma2 <== sigma * sigma;
    _ <== Num2Bits(17)(v - sigma2);
    _ <== Num2Bits(17)(sigma2 + 2 * sigma + 1 - v - 1);
    signal den <== sigma + 1;
    signal q[4];
    signal r[4];
    signal below[4];
    for (var i = 0; i < 4; i++) {
        var u = 16 * d[i] + 4096 * den;
        q[i] <-- u \ den;
        r[i] <-- u % den;
        _ <== Num2Bits(21)(q[i]);
        _ <== Num2Bits(9)(r[i]);
        below[i] <== LessThan(9)([r[i], den]);
        below[i] === 1;
        u === q[i] * den + r[i];
        y[i] <== q[i] - 4096;
    }
}

component main = LayerNorm4();
