// Fixed twin of: zk-email FpMul — the remainder is checked below the modulus.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template MulMod(n, P) {
    signal input a;
    signal input b;
    signal output r;
    signal q;
    component ra = Num2Bits(n);
    ra.in <== a;
    component rb = Num2Bits(n);
    rb.in <== b;
    q <-- (a * b) \ P;
    r <-- (a * b) % P;
    a * b === q * P + r;
    component rq = Num2Bits(n);
    rq.in <== q;
    component rr = Num2Bits(n);
    rr.in <== r;
    component lt = LessThan(n);
    lt.in[0] <== r;
    lt.in[1] <== P;
    lt.out === 1;
}

component main = MulMod(8, 101);
