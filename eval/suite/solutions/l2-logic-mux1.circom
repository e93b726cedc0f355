pragma circom 2.1.6;

// out = c[0] + s (c[1] - c[0]), with s constrained to a bit so no blend is possible.
template Mux() {
    signal input c[2];
    signal input s;
    signal output out;
    s * (s - 1) === 0;
    out <== c[0] + s * (c[1] - c[0]);
}

component main = Mux();
