pragma circom 2.1.0;

// out = 1 if x = 0 else 0, for any field element x. inv is a hint (1/x or 0); the two
// constraints pin both: out = 1 - x*inv forces out = 1 when x = 0, and x*out = 0 forces out = 0
// (and then inv = 1/x) when x != 0. Without x*out = 0 a prover could pick inv = 0 and claim out = 1.
template IsZeroChecked() {
    signal input x;
    signal output out;
    signal inv;
    inv <-- x != 0 ? 1 / x : 0;
    out <== 1 - x * inv;
    x * out === 0;
}
