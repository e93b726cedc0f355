// Real bug: Aptos keyless — the decoded length of a base64 string is unconstrained: the padding count
// is hinted without a range, so (pad + 1, len - 1) keeps 4·len = 3·L - 4·pad and passes.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/aptos-labs/keyless-zk-proofs/koukyosyumei_unconstrained_base64_decoded_len
// Class: hint
pragma circom 2.0.0;

template DecodedLength() {
    signal input encodedLen;
    signal input eq1;
    signal input eq2;
    signal output decodedLen;
    signal pad;
    eq1 * (eq1 - 1) === 0;
    eq2 * (eq2 - 1) === 0;
    pad <-- eq1 + eq2;
    decodedLen <-- (3 * encodedLen) / 4 - pad;
    4 * decodedLen === 3 * encodedLen - 4 * pad;
}

component main = DecodedLength();
