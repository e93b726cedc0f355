pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = x >> k (floor(x / 2^k)) for an n-bit unsigned x, k a compile-time constant. x is
// decomposed with Num2Bits(n), which range-checks it to n bits, and out is rebuilt from bits
// k..n-1, so it is < 2^(n-k) and the dropped low bits are pinned too.
template ShiftRight(n, k) {
    assert(n <= 253);
    assert(k >= 0 && k <= n);
    signal input x;
    signal output out;
    component xBits = Num2Bits(n);
    xBits.in <== x;
    var sum = 0;
    for (var i = k; i < n; i++) {
        sum += xBits.out[i] * (1 << (i - k));
    }
    out <== sum;
}
