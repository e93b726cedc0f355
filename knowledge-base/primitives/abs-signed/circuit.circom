pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// out = |x| for a signed bits-bit integer x in [-2^(bits-1), 2^(bits-1) - 1] (SInt(bits): a
// negative value v is the field element p - |v|). The sign s is a hint, pinned by:
//   s boolean, out = x * (1 - 2s) (so out = x or p - x), and out - s in [0, 2^(bits-1)),
// i.e. out < 2^(bits-1) when s = 0 and 1 <= out <= 2^(bits-1) when s = 1. Only one of x and p - x
// can satisfy that, so out (and s) are unique; an x outside the signed range has neither.
template AbsSigned(bits) {
    assert(bits >= 2 && bits <= 252);
    signal input x;
    signal output out;
    signal s;
    // circom compares field elements as signed values: x < 0 means x > (p - 1) / 2.
    s <-- x < 0 ? 1 : 0;
    s * (s - 1) === 0;
    out <== x - 2 * s * x;
    component magnitude = Num2Bits(bits - 1);
    magnitude.in <== out - s;
    _ <== magnitude.out; // range check only: the bits are not needed
}
