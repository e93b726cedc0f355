pragma circom 2.1.6;

include "circomlib/circuits/bitify.circom";

// The bucket of an 8-bit v is its top two bits (b7, b6); one-hot of the pair by products.
template Histogram4() {
    signal input x[6];
    signal output counts[4];
    signal bits[6][8];
    signal both[6];
    var acc[4] = [0, 0, 0, 0];
    for (var i = 0; i < 6; i++) {
        bits[i] <== Num2Bits(8)(x[i]);
        both[i] <== bits[i][7] * bits[i][6];
        acc[3] += both[i];
        acc[2] += bits[i][7] - both[i];
        acc[1] += bits[i][6] - both[i];
        acc[0] += 1 - bits[i][7] - bits[i][6] + both[i];
    }
    for (var b = 0; b < 4; b++) {
        counts[b] <== acc[b];
    }
}

component main = Histogram4();
