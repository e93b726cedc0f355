// Real bug: zkopru — the circuit does not check the ERC-20 sum correctly: note amounts are summed in
// the field without range checks, so an output note of "-1" balances a larger one.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/zkopru-network/zkopru/leastauthority_Circuit_Does_Not_Check_the_ERC_20_Sum_Correctly_ ; https://github.com/zksecurity/zkbugs/issues/58
// Class: precondition
// Assume: inAmount[*] < 2^64
// Assume: outAmount[*] < 2^64
pragma circom 2.0.0;
include "circomlib/circuits/poseidon.circom";

template Balance(nIn, nOut) {
    signal input inAmount[nIn];
    signal input outAmount[nOut];
    signal input salt[nOut];
    signal output noteHash[nOut];
    var totalIn = 0;
    var totalOut = 0;
    for (var i = 0; i < nIn; i++) totalIn += inAmount[i];
    component h[nOut];
    for (var j = 0; j < nOut; j++) {
        totalOut += outAmount[j];
        h[j] = Poseidon(2);
        h[j].inputs[0] <== outAmount[j];
        h[j].inputs[1] <== salt[j];
        noteHash[j] <== h[j].out;
    }
    totalIn === totalOut;
}

component main = Balance(2, 2);
