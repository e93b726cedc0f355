// Real bug: circom-bigint BigMod — quotient and remainder hinted, the remainder never checked < divisor.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/0xbok/circom-bigint/veridise_missing_range_checks_in_bigmod
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template DivMod(n) {
    signal input a;
    signal input b;
    signal output q;
    signal output r;
    component ra = Num2Bits(n);
    ra.in <== a;
    component rb = Num2Bits(n);
    rb.in <== b;
    q <-- a \ b;
    r <-- a % b;
    a === q * b + r;
    component rq = Num2Bits(n);
    rq.in <== q;
}

component main = DivMod(16);
