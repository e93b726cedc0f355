// Fixed twin of: circomlib Decoder accepting a bogus output — every bit Boolean and exactly one set.
pragma circom 2.0.0;

template OneHot(w) {
    signal input inp;
    signal output out[w];
    signal output success;
    var total = 0;
    for (var i = 0; i < w; i++) {
        out[i] <-- (inp == i) ? 1 : 0;
        out[i] * (inp - i) === 0;
        out[i] * (out[i] - 1) === 0;
        total += out[i];
    }
    success <== total;
    success === 1;
}

component main = OneHot(4);
