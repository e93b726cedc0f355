// Real bug: circomlib Decoder accepts an all-zero one-hot vector (success = 0) for an in-range index.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/iden3/circomlib/veridise_decoder_accepting_bogus_output_signal
// Class: hint
pragma circom 2.0.0;

template OneHot(w) {
    signal input inp;
    signal output out[w];
    signal output success;
    var total = 0;
    for (var i = 0; i < w; i++) {
        out[i] <-- (inp == i) ? 1 : 0;
        out[i] * (inp - i) === 0;
        total += out[i];
    }
    success <== total;
    success * (success - 1) === 0;
}

component main = OneHot(4);
