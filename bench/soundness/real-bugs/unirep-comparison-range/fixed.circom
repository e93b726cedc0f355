// Fixed twin of: Unirep comparison range checks — every comparator input is 64-bit checked.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template ProveMinRep() {
    signal input pos;
    signal input neg;
    signal input minRep;
    signal output net;
    component b1 = Num2Bits(64);
    b1.in <== pos;
    component b2 = Num2Bits(64);
    b2.in <== neg;
    component b3 = Num2Bits(64);
    b3.in <== minRep;
    net <== pos - neg;
    component ge = GreaterEqThan(64);
    ge.in[0] <== net;
    ge.in[1] <== minRep;
    ge.out === 1;
}

component main = ProveMinRep();
