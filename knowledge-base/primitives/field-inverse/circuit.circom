pragma circom 2.1.0;

// out = 1 / x in the field, for x != 0. The hint is pinned by x * out = 1, which also refuses
// x = 0 (0 * out = 0 != 1 for every out): no separate non-zero check is needed.
template FieldInverse() {
    signal input x;
    signal output out;
    out <-- x != 0 ? 1 / x : 0;
    x * out === 1;
}
