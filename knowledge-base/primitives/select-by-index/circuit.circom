pragma circom 2.1.0;

// out = x[index] for index in [0, n). The index is bound to a one-hot selector: every sel[i] is
// boolean, they sum to 1 and sum(i * sel[i]) = index, so an index outside [0, n) has no witness
// and is refused (this is the index's range check). The x[i] are arbitrary field elements.
template SelectByIndex(n) {
    signal input x[n];
    signal input index;
    signal output out;
    signal sel[n];
    signal picked[n];

    // Witness: the one-hot selector.
    for (var i = 0; i < n; i++) sel[i] <-- (index == i) ? 1 : 0;

    // Constraints: booleanity, sum to one, position equals index; out is the selected element.
    var count = 0;
    var position = 0;
    var value = 0;
    for (var i = 0; i < n; i++) {
        sel[i] * (sel[i] - 1) === 0;
        count += sel[i];
        position += i * sel[i];
        picked[i] <== sel[i] * x[i];
        value += picked[i];
    }
    count === 1;
    position === index;
    out <== value;
}
