// Fixed twin of: Telepathy ArrayXOR — each output bit is a + b - 2ab.
pragma circom 2.0.0;

template ArrayXor(n) {
    signal input a[n];
    signal input b[n];
    signal output out[n];
    for (var i = 0; i < n; i++) {
        a[i] * (a[i] - 1) === 0;
        b[i] * (b[i] - 1) === 0;
        out[i] <== a[i] + b[i] - 2 * a[i] * b[i];
    }
}

component main = ArrayXor(4);
