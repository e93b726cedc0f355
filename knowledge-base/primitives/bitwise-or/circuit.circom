pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = a | b on n-bit unsigned words. a and b are decomposed with Num2Bits(n), which also
// range-checks them to n bits (a wider input is refused, not silently truncated); each result
// bit costs one product; out is their weighted sum.
template BitwiseOr(n) {
    assert(n <= 253);
    signal input a;
    signal input b;
    signal output out;
    component aBits = Num2Bits(n);
    component bBits = Num2Bits(n);
    aBits.in <== a;
    bBits.in <== b;
    signal ab[n];
    signal bb[n];
    signal c[n];
    var sum = 0;
    for (var i = 0; i < n; i++) {
        ab[i] <== aBits.out[i];
        bb[i] <== bBits.out[i];
        c[i] <== ab[i] + bb[i] - ab[i] * bb[i];
        sum += c[i] * (1 << i);
    }
    out <== sum;
}
