// Fixed twin of: RLN zero input — x must be non-zero.
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template Share() {
    signal input secret;
    signal input epoch;
    signal input x;
    signal output y;
    signal xinv;
    xinv <-- 1 / x;
    xinv * x === 1;
    component a = Poseidon(2);
    a.inputs[0] <== secret;
    a.inputs[1] <== epoch;
    y <== a.out * x + secret;
}

component main = Share();
