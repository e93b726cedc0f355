// Real bug: RLN — risk of the secret being revealed if the input is zero: the share y = a1 * x + secret
// equals the secret at x = 0; the protocol states x (the message hash) is non-zero.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/rln_circom-rln/yacademy_risk_of_secret_getting_revealed_if_the_input_is_zero
// Class: precondition
// Assume: x != 0
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template Share() {
    signal input secret;
    signal input epoch;
    signal input x;
    signal output y;
    component a = Poseidon(2);
    a.inputs[0] <== secret;
    a.inputs[1] <== epoch;
    y <== a.out * x + secret;
}

component main = Share();
