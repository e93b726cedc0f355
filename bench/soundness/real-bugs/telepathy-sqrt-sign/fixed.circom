// Fixed twin of: Telepathy root sign — the root's parity (canonical bits, Num2Bits_strict) must be even.
pragma circom 2.0.0;
include "circomlib/circuits/pointbits.circom";

template Root() {
    signal input a;
    signal output y;
    var r = sqrt(a);
    if (r % 2 == 1) r = -r;
    y <-- r;
    y * y === a;
    component bits = Num2Bits_strict();
    bits.in <== y;
    bits.out[0] === 0;
}

component main = Root();
