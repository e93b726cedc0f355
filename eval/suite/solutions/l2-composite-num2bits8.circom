pragma circom 2.1.6;

// Each bit boolean and the weighted sum equal to x: this also refuses x >= 256.
template ToBits8() {
    signal input x;
    signal output bits[8];
    var acc = 0;
    for (var i = 0; i < 8; i++) {
        bits[i] <-- (x >> i) & 1;
        bits[i] * (bits[i] - 1) === 0;
        acc += bits[i] * (1 << i);
    }
    acc === x;
}

component main = ToBits8();
