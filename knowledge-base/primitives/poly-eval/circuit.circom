pragma circom 2.1.0;

// out = c[0] + c[1]*x + ... + c[n-1]*x^(n-1) in the field, by Horner's rule: n - 1 constraints,
// each acc * x + c[i]. Coefficients and x are inputs (any field elements); wraps mod p.
template PolyEval(n) {
    assert(n >= 2);
    signal input c[n];
    signal input x;
    signal output out;
    signal acc[n - 1];
    acc[0] <== c[n - 1] * x + c[n - 2];
    for (var i = 1; i < n - 1; i++) {
        acc[i] <== acc[i - 1] * x + c[n - 2 - i];
    }
    out <== acc[n - 2];
}
