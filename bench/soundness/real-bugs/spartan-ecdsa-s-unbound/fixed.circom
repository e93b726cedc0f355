// Fixed twin of: spartan-ecdsa s not constrained — the bits are summed back to s.
pragma circom 2.0.0;

template ScalarMulBits(n) {
    signal input s;
    signal input t;
    signal output out;
    signal bits[n];
    var acc = 0;
    for (var i = 0; i < n; i++) {
        bits[i] <-- (s >> i) & 1;
        bits[i] * (bits[i] - 1) === 0;
        acc += bits[i] * (1 << i);
    }
    acc === s;
    signal scaled;
    scaled <== acc * t;
    out <== scaled + 1;
}

component main = ScalarMulBits(16);
