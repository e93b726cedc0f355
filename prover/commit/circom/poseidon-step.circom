pragma circom 2.1.0;

include "circomlib/circuits/poseidon_constants.circom";

// circomlib's PoseidonEx(nInputs, 1) (same rounds, same constants, same output) with the linear
// layers (round constants, MDS and sparse matrices) kept as linear expressions in vars instead of
// signals: only the x^5 S-boxes cost constraints, 3 each, (8 t + partial rounds) * 3 in all.
// prover/commit/poseidon-circom.ts computes the same function in TypeScript.
template PoseidonStep(nInputs) {
    signal input inputs[nInputs];
    signal input initialState;
    signal output out;

    var N_ROUNDS_P[16] = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];
    var t = nInputs + 1;
    var nRoundsF = 8;
    var nRoundsP = N_ROUNDS_P[t - 2];
    var C[t * nRoundsF + nRoundsP] = POSEIDON_C(t);
    var S[nRoundsP * (t * 2 - 1)] = POSEIDON_S(t);
    var M[t][t] = POSEIDON_M(t);
    var P[t][t] = POSEIDON_P(t);

    signal x2[nRoundsF * t + nRoundsP];
    signal x4[nRoundsF * t + nRoundsP];
    signal x5[nRoundsF * t + nRoundsP];
    var k = 0;
    var state[t];
    var next[t];
    state[0] = initialState + C[0];
    for (var i = 1; i < t; i++) state[i] = inputs[i - 1] + C[i];

    // first half of the full rounds: S-boxes, round constants, M (P before the partial rounds)
    for (var r = 0; r < nRoundsF \ 2; r++) {
        for (var i = 0; i < t; i++) {
            x2[k] <== state[i] * state[i];
            x4[k] <== x2[k] * x2[k];
            x5[k] <== x4[k] * state[i];
            state[i] = x5[k] + C[(r + 1) * t + i];
            k++;
        }
        for (var i = 0; i < t; i++) {
            next[i] = 0;
            for (var j = 0; j < t; j++) next[i] += (r < nRoundsF \ 2 - 1 ? M[j][i] : P[j][i]) * state[j];
        }
        for (var i = 0; i < t; i++) state[i] = next[i];
    }

    // partial rounds: one S-box on lane 0, then the sparse matrix of round r
    for (var r = 0; r < nRoundsP; r++) {
        x2[k] <== state[0] * state[0];
        x4[k] <== x2[k] * x2[k];
        x5[k] <== x4[k] * state[0];
        var first = x5[k] + C[(nRoundsF \ 2 + 1) * t + r];
        k++;
        var row = (t * 2 - 1) * r;
        var lc = S[row] * first;
        for (var i = 1; i < t; i++) lc += S[row + i] * state[i];
        for (var i = 1; i < t; i++) state[i] = state[i] + first * S[row + t + i - 1];
        state[0] = lc;
    }

    // second half: S-boxes, round constants, M; the last round's S-boxes, then column 0 of M
    for (var r = 0; r < nRoundsF \ 2; r++) {
        for (var i = 0; i < t; i++) {
            x2[k] <== state[i] * state[i];
            x4[k] <== x2[k] * x2[k];
            x5[k] <== x4[k] * state[i];
            state[i] = x5[k];
            if (r < nRoundsF \ 2 - 1) state[i] += C[(nRoundsF \ 2 + 1) * t + nRoundsP + r * t + i];
            k++;
        }
        if (r < nRoundsF \ 2 - 1) {
            for (var i = 0; i < t; i++) {
                next[i] = 0;
                for (var j = 0; j < t; j++) next[i] += M[j][i] * state[j];
            }
            for (var i = 0; i < t; i++) state[i] = next[i];
        }
    }
    var result = 0;
    for (var j = 0; j < t; j++) result += M[j][0] * state[j];
    out <== result;
}
