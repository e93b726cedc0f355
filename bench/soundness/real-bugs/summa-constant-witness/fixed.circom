// Fixed twin of: Summa unconstrained constants — the scale is the constant 1000 in the constraint.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template BalanceUnits() {
    signal input balance;
    signal output units;
    signal output dust;
    units <-- balance \ 1000;
    dust <-- balance % 1000;
    units * 1000 + dust === balance;
    component unitBits = Num2Bits(16);
    unitBits.in <== units;
    component dustBits = Num2Bits(10);
    dustBits.in <== dust;
    component below = LessThan(10);
    below.in[0] <== dust;
    below.in[1] <== 1000;
    below.out === 1;
}

component main = BalanceUnits();
