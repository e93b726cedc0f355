// Real bug: Unirep — an under-constrained comparison: a comparator over a 254-bit decomposition
// accepts the bits of v + p as well as v, so the "less than" flag can be flipped.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/Unirep/Unirep/veridise_underconstrained_circuit_allows_invalid_comparison
// Class: vector
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template WideLess() {
    signal input a;
    signal input b;
    signal output lt;
    component bits = Num2Bits(254);
    bits.in <== a + (1 << 253) - b;
    lt <== 1 - bits.out[253];
}

component main = WideLess();
