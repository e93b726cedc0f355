pragma circom 2.1.0;

// out = a[0] AND ... AND a[n-1] for boolean inputs. Every input is constrained to {0, 1}; then
// sum(a) <= n < p, so all inputs are 1 exactly when n - sum(a) = 0, tested with one IsZero
// (2 constraints) instead of a chain of n - 1 products.
template MultiAndBool(n) {
    signal input a[n];
    signal output out;
    var sum = 0;
    for (var i = 0; i < n; i++) {
        a[i] * (a[i] - 1) === 0;
        sum += a[i];
    }
    // missing = n - sum(a) stays a linear expression (no extra signal or constraint).
    signal inv;
    inv <-- (n - sum) != 0 ? 1 / (n - sum) : 0;
    // out = 1 iff missing = 0: out = 1 - missing*inv and missing*out = 0 pin both out and inv.
    out <== 1 - (n - sum) * inv;
    (n - sum) * out === 0;
}
