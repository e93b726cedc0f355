// Fixed twin of: zkSync social login selector — each selector bit is also tied to the index.
pragma circom 2.0.0;

template ReadAt(n) {
    signal input chars[n];
    signal input idx;
    signal output ch;
    signal sel[n];
    signal part[n];
    var hits = 0;
    var acc = 0;
    for (var i = 0; i < n; i++) {
        sel[i] <-- (idx == i) ? 1 : 0;
        sel[i] * (sel[i] - 1) === 0;
        sel[i] * (idx - i) === 0;
        hits += sel[i];
        part[i] <== sel[i] * chars[i];
        acc += part[i];
    }
    hits === 1;
    ch <== acc;
}

component main = ReadAt(6);
