pragma circom 2.1.0;

// If enabled = 1, constrains a = b; if enabled = 0, a and b are free. enabled is constrained
// boolean here (circomlib's ForceEqualIfEnabled does not). out = 1 if a = b else 0 (an IsZero of
// a - b with its inverse hint pinned), so callers can reuse the equality bit.
template ForceEqualIfEnabledChecked() {
    signal input enabled;
    signal input a;
    signal input b;
    signal output out;
    enabled * (enabled - 1) === 0;
    signal inv;
    inv <-- a != b ? 1 / (a - b) : 0;
    out <== 1 - (a - b) * inv;
    (a - b) * out === 0;
    (1 - out) * enabled === 0;
}
