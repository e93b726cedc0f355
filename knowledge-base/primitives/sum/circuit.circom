pragma circom 2.1.0;

// out = x[0] + ... + x[n-1] in the field: one linear constraint. No precondition: any field
// elements; the sum wraps mod p (range-check the inputs if integer semantics matter).
template Sum(n) {
    signal input x[n];
    signal output out;
    var acc = 0;
    for (var i = 0; i < n; i++) {
        acc += x[i];
    }
    out <== acc;
}
