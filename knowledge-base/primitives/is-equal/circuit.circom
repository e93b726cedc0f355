pragma circom 2.1.0;

// out = 1 if a = b else 0, for any field elements a and b: IsZero of the linear expression a - b
// (no extra signal). inv is a hint pinned by both constraints.
template IsEqualChecked() {
    signal input a;
    signal input b;
    signal output out;
    signal inv;
    inv <-- a != b ? 1 / (a - b) : 0;
    out <== 1 - (a - b) * inv;
    (a - b) * out === 0;
}
