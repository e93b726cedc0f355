/**
 * The Poseidon commitment of a chunk boundary's activations (a flat list of field elements).
 * Circom: circomlib Poseidon(16) chained, the first lane the count, then 15 values per step.
 * Noir: std's Poseidon2 sponge (`poseidon2_permutation`, rate 3, IV = count << 64), which is what
 * `Poseidon2::hash(values, count)` computes. The two hashes differ: a chain is checked in the
 * language that made it.
 */

/** Circom lines setting signal `out` to the commitment of `value(0..count)`. */
export function circomCommitmentLines(name: string, count: number, value: (index: string) => string, out: string): string[] {
  const steps = Math.ceil(count / 15) || 1;
  return [
    `    component ${name}[${steps}];`,
    `    for (var s = 0; s < ${steps}; s++) {`,
    `        ${name}[s] = Poseidon(16);`,
    `        if (s == 0) ${name}[s].inputs[0] <== ${count};`,
    `        else ${name}[s].inputs[0] <== ${name}[s - 1].out;`,
    `        for (var j = 0; j < 15; j++) {`,
    `            if (s * 15 + j < ${count}) ${name}[s].inputs[j + 1] <== ${value('s * 15 + j')};`,
    `            else ${name}[s].inputs[j + 1] <== 0;`,
    `        }`,
    `    }`,
    `    ${out} <== ${name}[${steps - 1}].out;`,
  ];
}

export const CIRCOM_COMMITMENT_INCLUDE = 'include "circomlib/circuits/poseidon.circom";';

/** A Noir function `name(values: [Field; count]) -> Field` computing the commitment. */
export function noirCommitmentFunction(name: string, count: number): string[] {
  const steps = Math.ceil(count / 3) || 1;
  return [
    `fn ${name}(values: [Field; ${count}]) -> Field {`,
    `    let mut state: [Field; 4] = [0, 0, 0, ${BigInt(count) << 64n}];`,
    `    for s in 0..${steps} {`,
    `        for j in 0..3 {`,
    `            if s * 3 + j < ${count} {`,
    `                state[j] += values[s * 3 + j];`,
    `            }`,
    `        }`,
    `        state = std::hash::poseidon2_permutation(state, 4);`,
    `    }`,
    `    state[0]`,
    `}`,
  ];
}
