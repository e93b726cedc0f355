// Fixed twin of: Self big-integer zero check — limbs range-checked, so their sum is zero only when all are.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template BigIsZero(k) {
    signal input limb[k];
    signal output zero;
    component range[k];
    var sum = 0;
    for (var i = 0; i < k; i++) {
        range[i] = Num2Bits(16);
        range[i].in <== limb[i];
        sum += limb[i];
    }
    component z = IsZero();
    z.in <== sum;
    zero <== z.out;
}

component main = BigIsZero(2);
