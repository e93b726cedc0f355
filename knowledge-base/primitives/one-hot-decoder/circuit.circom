pragma circom 2.1.0;

// out is the one-hot encoding of index in [0, n): every out[i] is boolean, they sum to 1 and
// sum(i * out[i]) = index. An index outside [0, n) has no witness and is refused. circomlib's
// Decoder instead reports failure through a `success` output and admits the all-zero vector.
template OneHotDecoder(n) {
    signal input index;
    signal output out[n];

    // Witness: the one-hot vector.
    for (var i = 0; i < n; i++) out[i] <-- (index == i) ? 1 : 0;

    // Constraints: booleanity, sum to one, position equals index.
    var count = 0;
    var position = 0;
    for (var i = 0; i < n; i++) {
        out[i] * (out[i] - 1) === 0;
        count += out[i];
        position += i * out[i];
    }
    count === 1;
    position === index;
}
