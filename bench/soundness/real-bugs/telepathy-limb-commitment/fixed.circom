// Fixed twin of: Telepathy ill-formed limbs — every limb is checked to 8 bits before packing.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/poseidon.circom";

template LimbCommit(k) {
    signal input limb[k];
    signal output commitment;
    component range[k];
    var packed = 0;
    for (var i = 0; i < k; i++) {
        range[i] = Num2Bits(8);
        range[i].in <== limb[i];
        packed += limb[i] * (1 << (8 * i));
    }
    component h = Poseidon(1);
    h.inputs[0] <== packed;
    commitment <== h.out;
}

component main = LimbCommit(3);
