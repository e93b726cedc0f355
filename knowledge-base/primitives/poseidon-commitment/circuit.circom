pragma circom 2.1.0;

include "circomlib/circuits/poseidon.circom";

// A hiding, binding commitment to one field element: out = Poseidon(value, salt), circomlib's
// Poseidon over BN254 with 2 inputs (t = 3). Keep salt secret and uniformly random; publish out.
// No range checks: value and salt are arbitrary field elements. Opening = proving knowledge of
// (value, salt) with this circuit and a public out.
template PoseidonCommitment() {
    signal input value;
    signal input salt;
    signal output out;
    component hash = Poseidon(2);
    hash.inputs[0] <== value;
    hash.inputs[1] <== salt;
    out <== hash.out;
}
