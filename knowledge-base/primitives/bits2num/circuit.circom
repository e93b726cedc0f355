pragma circom 2.1.0;

// out = sum(bits[i] * 2^i) for n boolean bits. Every bit is constrained to {0, 1} here:
// circomlib's Bits2Num assumes it, and with bits = [2, 0, ...] it outputs 2, which is not a
// binary number. n <= 253 keeps the sum below p, so out < 2^n is exact.
template SafeBits2Num(n) {
    assert(n <= 253);
    signal input bits[n];
    signal output out;
    var sum = 0;
    var weight = 1;
    for (var i = 0; i < n; i++) {
        bits[i] * (bits[i] - 1) === 0;
        sum += bits[i] * weight;
        weight += weight;
    }
    out <== sum;
}
