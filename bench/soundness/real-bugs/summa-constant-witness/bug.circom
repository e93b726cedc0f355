// Real bug: Summa — unconstrained constants assignment: a value the gate should hold as a constant is assigned during witness generation, so a prover who rewrites the assignment picks it. Here the scale of a balance's units-and-dust split.
// Source: https://github.com/0xPARC/zk-bug-tracker#summa-1 ; https://github.com/summa-dev/summa-solvency/issues/32
// Class: nonlinear
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

// balance = units * 1000 + dust with dust < 1000. The scale 1000 is a signal assigned in witness
// generation: units * scale is a product of two free signals.
template BalanceUnits() {
    signal input balance;
    signal output units;
    signal output dust;
    signal scale;
    scale <-- 1000;
    units <-- balance \ 1000;
    dust <-- balance % 1000;
    units * scale + dust === balance;
    component unitBits = Num2Bits(16);
    unitBits.in <== units;
    component dustBits = Num2Bits(10);
    dustBits.in <== dust;
    component scaleBits = Num2Bits(11);
    scaleBits.in <== scale;
    component below = LessThan(10);
    below.in[0] <== dust;
    below.in[1] <== 1000;
    below.out === 1;
}

component main = BalanceUnits();
