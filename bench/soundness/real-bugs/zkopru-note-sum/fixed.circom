// Fixed twin of: zkopru ERC-20 sum — every amount is a 64-bit value, so the sums cannot wrap.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/poseidon.circom";

template Balance(nIn, nOut) {
    signal input inAmount[nIn];
    signal input outAmount[nOut];
    signal input salt[nOut];
    signal output noteHash[nOut];
    component ri[nIn];
    component ro[nOut];
    var totalIn = 0;
    var totalOut = 0;
    for (var i = 0; i < nIn; i++) {
        ri[i] = Num2Bits(64);
        ri[i].in <== inAmount[i];
        totalIn += inAmount[i];
    }
    component h[nOut];
    for (var j = 0; j < nOut; j++) {
        ro[j] = Num2Bits(64);
        ro[j].in <== outAmount[j];
        totalOut += outAmount[j];
        h[j] = Poseidon(2);
        h[j].inputs[0] <== outAmount[j];
        h[j].inputs[1] <== salt[j];
        noteHash[j] <== h[j].out;
    }
    totalIn === totalOut;
}

component main = Balance(2, 2);
