pragma circom 2.1.6;

// The hint is pinned by out·x = 1, which also refuses x = 0.
template Inverse() {
    signal input x;
    signal output out;
    out <-- 1 / x;
    out * x === 1;
}

component main = Inverse();
