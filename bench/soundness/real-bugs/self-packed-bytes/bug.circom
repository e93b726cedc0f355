// Real bug: Self — forbidden-country check bypass via packed byte overflow / missing byte range
// checks: three country-code bytes are packed without range checks, so other byte vectors pack to
// the same or a shifted value.
// Source: https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/selfxyz/self/zksecurity_forbidden_country_check_bypass_via_packed_byte_overflow ; https://github.com/zksecurity/zkbugs/tree/main/dataset/circom/selfxyz/self/zksecurity_missing_byte_range_checks_allows_packed_data_pollution
// Class: precondition
// Assume: code[*] < 2^8
pragma circom 2.0.0;
include "circomlib/circuits/comparators.circom";

template IsForbidden(forbidden) {
    signal input code[3];
    signal output hit;
    component eq = IsEqual();
    eq.in[0] <== code[0] + code[1] * 256 + code[2] * 65536;
    eq.in[1] <== forbidden;
    hit <== eq.out;
}

component main = IsForbidden(4281170);
