// Fixed twin of: subnet-2 unconstrained multiplier — the multiplier is a comparator's output.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template ReluSub(n) {
    signal input a;
    signal input b;
    signal output out;
    component ra = Num2Bits(n);
    ra.in <== a;
    component rb = Num2Bits(n);
    rb.in <== b;
    component gt = GreaterThan(n);
    gt.in[0] <== a;
    gt.in[1] <== b;
    out <== (a - b) * gt.out;
}

component main = ReluSub(16);
