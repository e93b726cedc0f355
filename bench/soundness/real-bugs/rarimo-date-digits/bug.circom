// Real bug: Rarimo passport circuits — under-constrained date encoder: ASCII digits are turned into a
// number without checking they are digits, so other bytes encode the same or a shifted date.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/rarimo/passport-zk-circuits/koukyosyumei_under_constrained_date_encoder
// Class: precondition
// Assume: 48 <= date[*] <= 57
pragma circom 2.0.0;

template DateNumber(k) {
    signal input date[k];
    signal output value;
    var acc = 0;
    var scale = 1;
    for (var i = k - 1; i >= 0; i--) {
        acc += (date[i] - 48) * scale;
        scale *= 10;
    }
    value <== acc;
}

component main = DateNumber(6);
