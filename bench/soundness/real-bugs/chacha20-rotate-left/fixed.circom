// Fixed twin of: circom-chacha20 unsound rotation — both parts are range-checked to their widths.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template RotL(n, k) {
    signal input x;
    signal output out;
    signal hi;
    signal lo;
    component rx = Num2Bits(n);
    rx.in <== x;
    hi <-- x >> (n - k);
    lo <-- x & ((1 << (n - k)) - 1);
    component rh = Num2Bits(k);
    rh.in <== hi;
    component rl = Num2Bits(n - k);
    rl.in <== lo;
    x === hi * (1 << (n - k)) + lo;
    out <== lo * (1 << k) + hi;
}

component main = RotL(8, 3);
