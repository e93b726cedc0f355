// Fixed twin of: circom-chacha20 unsound addition — the 32-bit sum is range-checked.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template Add32() {
    signal input a;
    signal input b;
    signal output out;
    signal carry;
    component ra = Num2Bits(32);
    ra.in <== a;
    component rb = Num2Bits(32);
    rb.in <== b;
    out <-- (a + b) & 0xFFFFFFFF;
    carry <-- (a + b) >> 32;
    carry * (carry - 1) === 0;
    a + b === out + carry * (1 << 32);
    component ro = Num2Bits(32);
    ro.in <== out;
}

component main = Add32();
