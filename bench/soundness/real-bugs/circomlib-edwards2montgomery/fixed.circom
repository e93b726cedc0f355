// Fixed twin of: Edwards2Montgomery — x must be invertible (the identity-like point is refused).
pragma circom 2.0.0;

template ToMontgomery() {
    signal input in[2];
    signal output out[2];
    signal xinv;
    xinv <-- 1 / in[0];
    xinv * in[0] === 1;
    out[0] <-- (1 + in[1]) / (1 - in[1]);
    out[1] <-- out[0] / in[0];
    out[0] * (1 - in[1]) === 1 + in[1];
    out[1] * in[0] === out[0];
}

component main = ToMontgomery();
