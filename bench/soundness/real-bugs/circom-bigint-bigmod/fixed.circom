// Fixed twin of: circom-bigint BigMod — the remainder range-checked and below the divisor.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

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
    component rr = Num2Bits(n);
    rr.in <== r;
    component below = LessThan(n);
    below.in[0] <== r;
    below.in[1] <== b;
    below.out === 1;
}

component main = DivMod(16);
