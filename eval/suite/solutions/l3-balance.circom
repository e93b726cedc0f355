pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// Every amount range-checked to 32 bits, so the sums (below 2^34) cannot wrap around the field.
template Balance() {
    signal input ins[3];
    signal input outs[2];
    signal input fee;
    signal output total;
    var sumIn = 0;
    for (var i = 0; i < 3; i++) {
        _ <== Num2Bits(32)(ins[i]);
        sumIn += ins[i];
    }
    var sumOut = fee;
    _ <== Num2Bits(32)(fee);
    for (var i = 0; i < 2; i++) {
        _ <== Num2Bits(32)(outs[i]);
        sumOut += outs[i];
    }
    sumIn === sumOut;
    total <== sumIn;
}

component main = Balance();
