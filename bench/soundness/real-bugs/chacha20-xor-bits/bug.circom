// Real bug: circom-chacha20 — unsound XOR gadget: the "bits" of the words are hinted and summed
// back, but never forced Boolean, so other field values with the same weighted sum change the XOR.
// Source: https://www.zksecurity.xyz/blog/posts/reclaim/ ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/reclaimprotocol/circom-chacha20/zksecurity_Unsound_XOR_gadget
// Class: vector
pragma circom 2.0.0;

template XorWord(n) {
    signal input a;
    signal input b;
    signal output out;
    signal ab[n];
    signal bb[n];
    signal both[n];
    var sa = 0;
    var sb = 0;
    var so = 0;
    for (var i = 0; i < n; i++) {
        ab[i] <-- (a >> i) & 1;
        bb[i] <-- (b >> i) & 1;
        sa += ab[i] * (1 << i);
        sb += bb[i] * (1 << i);
        both[i] <== ab[i] * bb[i];
        so += (ab[i] + bb[i] - 2 * both[i]) * (1 << i);
    }
    sa === a;
    sb === b;
    out <== so;
}

component main = XorWord(8);
