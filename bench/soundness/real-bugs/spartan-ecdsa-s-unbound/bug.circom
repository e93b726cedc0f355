// Real bug: spartan-ecdsa — the input signal s is not constrained: its bits are hinted (Boolean) but
// never summed back to s, so the honest bits of a neighbouring s pass with s written back.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/personaelabs/spartan-ecdsa/yacademy_input_signal_s_is_not_constrained_in_eff_ecdsa_circom
// Class: cross
pragma circom 2.0.0;

template ScalarMulBits(n) {
    signal input s;
    signal input t;
    signal output out;
    signal bits[n];
    var acc = 0;
    for (var i = 0; i < n; i++) {
        bits[i] <-- (s >> i) & 1;
        bits[i] * (bits[i] - 1) === 0;
        acc += bits[i] * (1 << i);
    }
    signal scaled;
    scaled <== acc * t;
    out <== scaled + 1;
}

component main = ScalarMulBits(16);
