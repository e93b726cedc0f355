// Real bug: Succinct Telepathy — the sign of a square root is not pinned (G1 point decompression
// with a sign flag that is not tied to the root): y and -y both satisfy y * y = a.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/succinctlabs/telepathy-circuits/trailofbits_prover_can_lock_user_funds_by_supplying_non-reduced_Y_values_to_G1BigIntToSignFlag
// Class: nonlinear
pragma circom 2.0.0;
include "circomlib/circuits/pointbits.circom";

template Root() {
    signal input a;
    signal output y;
    var r = sqrt(a);
    if (r % 2 == 1) r = -r;
    y <-- r;
    y * y === a;
}

component main = Root();
