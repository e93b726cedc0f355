// Fixed twin of: Aptos keyless base64 length — the padding is the constrained count of '=' flags.
pragma circom 2.0.0;

template DecodedLength() {
    signal input encodedLen;
    signal input eq1;
    signal input eq2;
    signal output decodedLen;
    signal pad;
    eq1 * (eq1 - 1) === 0;
    eq2 * (eq2 - 1) === 0;
    pad <== eq1 + eq2;
    decodedLen <-- (3 * encodedLen) / 4 - pad;
    4 * decodedLen === 3 * encodedLen - 4 * pad;
}

component main = DecodedLength();
