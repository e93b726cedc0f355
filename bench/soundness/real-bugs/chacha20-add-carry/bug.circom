// Real bug: circom-chacha20 — unsound addition gadget: the 32-bit sum is hinted with a Boolean carry,
// but the sum itself is not range-checked, so (sum + 2^32, carry - 1) also passes.
// Source: https://www.zksecurity.xyz/blog/posts/reclaim/ ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/reclaimprotocol/circom-chacha20/zksecurity_Unsound_Addition_Gadget
// Class: hint
pragma circom 2.0.0;
include "circomlib/circuits/bitify.circom";

template Add32() {
    signal input a;
    signal input b;
    signal output out;
    signal carry;
    component ra = Num2Bits(32);
    ra.in <== a;
    component rb = Num2Bits(32);
    rb.in <== b;
    out <-- (a + b) & 0xFFFFFFFF;
    carry <-- (a + b) >> 32;
    carry * (carry - 1) === 0;
    a + b === out + carry * (1 << 32);
}

component main = Add32();
