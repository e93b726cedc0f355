pragma circom 2.1.0;

// out = sum(a[i] * b[i]) in the field: n multiplication constraints (the last product is folded
// into the output constraint). No precondition: any field elements; wraps mod p.
template InnerProduct(n) {
    assert(n >= 1);
    signal input a[n];
    signal input b[n];
    signal output out;
    signal products[n - 1];
    var acc = 0;
    for (var i = 0; i < n - 1; i++) {
        products[i] <== a[i] * b[i];
        acc += products[i];
    }
    out <== acc + a[n - 1] * b[n - 1];
}
