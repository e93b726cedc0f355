// Fixed twin of: MontgomeryDouble at y = 0 — y must be invertible, so the slope is determined.
pragma circom 2.0.0;

template DoubleOnCurve() {
    signal input x;
    signal input y;
    signal output ox;
    signal output oy;
    var A = 168698;
    var B = 1;
    signal x2;
    signal lamda;
    signal yinv;
    yinv <-- 1 / y;
    yinv * y === 1;
    x2 <== x * x;
    lamda <-- (3 * x2 + 2 * A * x + 1) / (2 * B * y);
    lamda * (2 * B * y) === 3 * x2 + 2 * A * x + 1;
    ox <== B * lamda * lamda - A - 2 * x;
    oy <== lamda * (x - ox) - y;
}

component main = DoubleOnCurve();
