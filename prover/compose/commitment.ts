import { CIRCOM_CHUNK } from '../commit/commitment.js';

/** The include the Circom commitment lines need (circomlib is packaged with zkcoder). */
export const CIRCOM_POSEIDON_INCLUDE = 'include "circomlib/circuits/poseidon.circom";';

/**
 * Circom lines setting the signal `out` (declared by the caller) to the commitment of `values`
 * (signal expressions such as `w0[3]`), the chain `commitValues('circom', …)` computes: one
 * circomlib `PoseidonEx(16, 1)` per 16 values (about 610 constraints each). `prefix` names the
 * component array (unique in the template).
 */
export function circomCommitmentLines(values: readonly string[], out: string, prefix: string): string[] {
  if (values.length === 0) throw new Error('a commitment needs at least one value');
  const steps = Math.ceil(values.length / CIRCOM_CHUNK);
  const lines = [
    `    // Poseidon commitment of ${values.length} values: ${steps} chained circomlib PoseidonEx(${CIRCOM_CHUNK}, 1), the count as the first state`,
    `    component ${prefix}[${steps}];`,
  ];
  for (let s = 0; s < steps; s++) {
    lines.push(`    ${prefix}[${s}] = PoseidonEx(${CIRCOM_CHUNK}, 1);`);
    lines.push(`    ${prefix}[${s}].initialState <== ${s === 0 ? values.length : `${prefix}[${s - 1}].out[0]`};`);
    for (let i = 0; i < CIRCOM_CHUNK; i++) lines.push(`    ${prefix}[${s}].inputs[${i}] <== ${values[s * CIRCOM_CHUNK + i] ?? '0'};`);
  }
  lines.push(`    ${out} <== ${prefix}[${steps - 1}].out[0];`);
  return lines;
}

/**
 * Noir lines binding `let <out>: Field` to the commitment of `values` (expressions such as
 * `w0[3]`), noir's std Poseidon2 sponge as `commitValues('noir', …)` computes it: the state
 * `[0, 0, 0, length * 2^64]`, 3 values added per `std::hash::poseidon2_permutation`, lane 0 out.
 */
export function noirCommitmentLines(values: readonly string[], out: string): string[] {
  if (values.length === 0) throw new Error('a commitment needs at least one value');
  const state = `${out}State`;
  const lines = [
    `    // Poseidon2 commitment of ${values.length} values (noir std's sponge: rate 3, length * 2^64 in the capacity lane)`,
    `    let mut ${state}: [Field; 4] = [0, 0, 0, ${BigInt(values.length) << 64n}];`,
  ];
  for (let start = 0; start < values.length; start += 3) {
    const group = values.slice(start, start + 3).map((value, i) => `${state}[${i}] += ${value};`);
    lines.push(`    ${group.join(' ')}`, `    ${state} = std::hash::poseidon2_permutation(${state}, 4);`);
  }
  lines.push(`    let ${out}: Field = ${state}[0];`);
  return lines;
}
