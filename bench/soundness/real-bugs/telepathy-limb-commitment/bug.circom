// Real bug: Succinct Telepathy — ill-formed big integers in a public-key commitment: the limbs are
// packed without range checks, so out-of-range limbs commit to the same packed value.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/succinctlabs/telepathy-circuits/trailofbits_prover_can_lock_user_funds_by_including_ill-formed_bigints_in_public_key_commitment
// Class: precondition
// Assume: limb[*] < 2^8
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template LimbCommit(k) {
    signal input limb[k];
    signal output commitment;
    var packed = 0;
    for (var i = 0; i < k; i++) packed += limb[i] * (1 << (8 * i));
    component h = Poseidon(1);
    h.inputs[0] <== packed;
    commitment <== h.out;
}

component main = LimbCommit(3);
