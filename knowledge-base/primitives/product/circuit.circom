pragma circom 2.1.0;

// out = x[0] * x[1] * ... * x[n-1] in the field (n - 1 multiplication constraints). No
// precondition: any field elements; the product is taken mod p.
template Product(n) {
    assert(n >= 2);
    signal input x[n];
    signal output out;
    signal partial[n - 1];
    partial[0] <== x[0] * x[1];
    for (var i = 2; i < n; i++) {
        partial[i - 1] <== partial[i - 2] * x[i];
    }
    out <== partial[n - 2];
}
