pragma circom 2.1.0;

// Asserts x is 0 or 1 (x*(x-1) = 0 has exactly these two roots in a prime field) and passes the
// checked value on as out, so a caller can use out as a boolean.
template AssertBool() {
    signal input x;
    signal output out;
    x * (x - 1) === 0;
    // out = x*x = x for boolean x. A plain `out <== x` is a signal-to-signal equality that
    // circom's --O1 simplification removes by merging the input x into out.
    out <== x * x;
}
