pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = floor(sqrt(x)) for an unsigned bits-bit x. out is a hint, pinned by
//   out < 2^h (h = ceil(bits / 2)), r = x - out^2 in [0, 2^(h+1)) and 2*out - r in [0, 2^(h+1)),
// i.e. out^2 <= x <= out^2 + 2*out < (out + 1)^2. Every value stays far below p (bits <= 200), so
// a "negative" difference wraps to near p and fails its range check. The range check on out
// also refuses the other square root p - out.
template IntSqrt(bits) {
    assert(bits <= 200);
    var h = (bits + 1) \ 2;
    signal input x;
    signal output out;
    component xRange = Num2Bits(bits);
    xRange.in <== x;
    _ <== xRange.out; // range check only: the bits are not needed
    var s = 0;
    for (var i = h; i >= 0; i--) {
        if ((s + (1 << i)) * (s + (1 << i)) <= x) {
            s += 1 << i;
        }
    }
    out <-- s;
    component outRange = Num2Bits(h);
    outRange.in <== out;
    _ <== outRange.out; // range check only: the bits are not needed
    signal square <== out * out;
    component lower = Num2Bits(h + 1);
    lower.in <== x - square;
    _ <== lower.out; // range check only: the bits are not needed
    component upper = Num2Bits(h + 1);
    upper.in <== 2 * out - (x - square);
    _ <== upper.out; // range check only: the bits are not needed
}
