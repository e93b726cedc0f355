// Real bug: Self — the big-integer zero check is not sound: it tests the sum of the limbs, and limbs
// that are not range-checked can cancel (5 and -5).
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/selfxyz/self/zksecurity_big_integer_zero_check_is_not_sound
// Class: precondition
// Assume: limb[*] < 2^16
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template BigIsZero(k) {
    signal input limb[k];
    signal output zero;
    var sum = 0;
    for (var i = 0; i < k; i++) sum += limb[i];
    component z = IsZero();
    z.in <== sum;
    zero <== z.out;
}

component main = BigIsZero(2);
