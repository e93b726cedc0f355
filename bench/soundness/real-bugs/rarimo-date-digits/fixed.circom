// Fixed twin of: Rarimo date encoder — every character is checked to lie in '0'..'9'.
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";
include "circomlib/circuits/comparators.circom";

template DateNumber(k) {
    signal input date[k];
    signal output value;
    component rb[k];
    component lt[k];
    var acc = 0;
    var scale = 1;
    for (var i = k - 1; i >= 0; i--) {
        rb[i] = Num2Bits(8);
        rb[i].in <== date[i] - 48;
        lt[i] = LessThan(8);
        lt[i].in[0] <== date[i] - 48;
        lt[i].in[1] <== 10;
        lt[i].out === 1;
        acc += (date[i] - 48) * scale;
        scale *= 10;
    }
    value <== acc;
}

component main = DateNumber(6);
