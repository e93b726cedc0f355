// Real bug: zk-email — under-constrained FpMul: the product's remainder is range-checked to the limb
// width but r < p is never asserted, so (q - 1, r + p) passes too.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/zkemail/zk-email-verify/matterlabs_underconstrained_fpmul_circuit ; https://github.com/zksecurity/zkbugs/pull/78
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

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
}

component main = MulMod(8, 101);
