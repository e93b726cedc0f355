pragma circom 2.1.0;

include "circomlib/circuits/bitify.circom";

// int8 dequantization with a power-of-two scale: out = (q - zero_point) * 2^shift, exact (no
// rounding), for q and zero_point in SInt(8) (p - |v| when negative), both range-checked here.
// out is SInt(9 + shift).
template Int8Dequantize(shift) {
    signal input q;
    signal input zero_point;
    signal output out;
    component qBits = Num2Bits(8);
    qBits.in <== q + 128;
    component zBits = Num2Bits(8);
    zBits.in <== zero_point + 128;
    out <== (q - zero_point) * (1 << shift);
}
