pragma circom 2.1.0;

// out = x^e in the field for a compile-time constant e >= 2, by left-to-right square-and-multiply:
// floor(log2 e) squarings plus (popcount(e) - 1) multiplications (x^5: 3 constraints). Any field
// element x; the power is taken mod p.
template PowConst(e) {
    assert(e >= 2);
    var nbits = 0;
    var t = e;
    while (t > 0) {
        nbits++;
        t = t >> 1;
    }
    var nsteps = nbits - 1;
    for (var i = 0; i < nbits - 1; i++) {
        nsteps += (e >> i) & 1;
    }
    signal input x;
    signal output out;
    signal step[nsteps];
    var k = 0;
    for (var i = nbits - 2; i >= 0; i--) {
        if (k == 0) {
            step[k] <== x * x;
        } else {
            step[k] <== step[k - 1] * step[k - 1];
        }
        k++;
        if ((e >> i) & 1 == 1) {
            step[k] <== step[k - 1] * x;
            k++;
        }
    }
    out <== step[nsteps - 1];
}
