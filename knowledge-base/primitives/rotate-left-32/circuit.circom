pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = x rotated left by r bits, for a 32-bit unsigned x (SHA-256 / ChaCha style words). x is
// decomposed with Num2Bits(32), which range-checks it, and the bits are summed back with rotated
// weights: bit i moves to position (i + r) mod 32.
template RotateLeft32(r) {
    assert(r >= 0 && r < 32);
    signal input x;
    signal output out;
    component xBits = Num2Bits(32);
    xBits.in <== x;
    var sum = 0;
    for (var i = 0; i < 32; i++) {
        sum += xBits.out[i] * (1 << ((i + r) % 32));
    }
    out <== sum;
}
