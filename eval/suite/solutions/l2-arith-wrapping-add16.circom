pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// a + b = out + carry·2^16 with carry a bit and out range-checked to 16 bits.
template WrappingAdd16() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(16)(a);
    _ <== Num2Bits(16)(b);
    signal carry;
    carry <-- (a + b) >> 16;
    out <-- (a + b) & 65535;
    carry * (carry - 1) === 0;
    _ <== Num2Bits(16)(out);
    a + b === out + carry * 65536;
}

component main = WrappingAdd16();
