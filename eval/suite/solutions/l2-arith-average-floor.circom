pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// a + b = 2·out + odd, odd a bit, out range-checked to 32 bits.
template AverageFloor() {
    signal input a;
    signal input b;
    signal output out;
    _ <== Num2Bits(32)(a);
    _ <== Num2Bits(32)(b);
    signal odd;
    out <-- (a + b) \ 2;
    odd <-- (a + b) % 2;
    odd * (odd - 1) === 0;
    _ <== Num2Bits(32)(out);
    a + b === 2 * out + odd;
}

component main = AverageFloor();
