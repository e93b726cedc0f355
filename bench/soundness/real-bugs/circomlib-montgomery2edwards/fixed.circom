// Fixed twin of: Montgomery2Edwards — both divisors must be invertible.
pragma circom 2.0.0;

template ToEdwards() {
    signal input in[2];
    signal output out[2];
    signal i1;
    signal i2;
    i1 <-- 1 / in[1];
    i1 * in[1] === 1;
    i2 <-- 1 / (in[0] + 1);
    i2 * (in[0] + 1) === 1;
    out[0] <-- in[0] / in[1];
    out[1] <-- (in[0] - 1) / (in[0] + 1);
    out[0] * in[1] === in[0];
    out[1] * (in[0] + 1) === in[0] - 1;
}

component main = ToEdwards();
