// Fixed twin of: Telepathy non-reduced y — y must also be below the modulus.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template SignFlag(n, q) {
    signal input y;
    signal output flag;
    component ry = Num2Bits(n);
    ry.in <== y;
    component reduced = LessThan(n);
    reduced.in[0] <== y;
    reduced.in[1] <== q;
    reduced.out === 1;
    component gt = GreaterThan(n);
    gt.in[0] <== y;
    gt.in[1] <== (q - 1) \ 2;
    flag <== gt.out;
}

component main = SignFlag(16, 40009);
