// Fixed twin of: Unirep wide comparison — the decomposition is checked against the field (AliasCheck).
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/aliascheck.circom";

template WideLess() {
    signal input a;
    signal input b;
    signal output lt;
    component bits = Num2Bits(254);
    bits.in <== a + (1 << 253) - b;
    component alias = AliasCheck();
    for (var i = 0; i < 254; i++) alias.in[i] <== bits.out[i];
    lt <== 1 - bits.out[253];
}

component main = WideLess();
