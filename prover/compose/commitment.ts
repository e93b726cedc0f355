import { readFileSync } from 'node:fs';
import { CIRCOM_CHUNK } from '../commit/commitment.js';

/** The include the Circom commitment lines need; add `circomCommitmentFiles()` to the circuit's files. */
export const CIRCOM_POSEIDON_INCLUDE = 'include "commit/poseidon-step.circom";';

/**
 * The template the lines instantiate: `PoseidonStep(n)`, circomlib's `PoseidonEx(n, 1)` with its
 * linear layers as expressions (3 constraints per S-box, 1 for the output: 613 per 16 values, where circomlib's
 * own template costs about 2,090 at circom's default -O1), constants from circomlib.
 */
export function circomCommitmentFiles(): Record<string, string> {
  return { 'commit/poseidon-step.circom': readFileSync(new URL('../commit/circom/poseidon-step.circom', import.meta.url), 'utf8') };
}

/**
 * Circom lines setting the signal `out` (declared by the caller) to the commitment of `values`
 * (signal expressions such as `w0[3]`), the chain `commitValues('circom', …)` computes: one
 * `PoseidonStep(16)` (= circomlib `PoseidonEx(16, 1)`) per 16 values, 613 constraints each. `prefix` names the
 * component array (unique in the template).
 */
export function circomCommitmentLines(values: readonly string[], out: string, prefix: string): string[] {
  if (values.length === 0) throw new Error('a commitment needs at least one value');
  const steps = Math.ceil(values.length / CIRCOM_CHUNK);
  const lines = [
    `    // Poseidon commitment of ${values.length} values: ${steps} chained PoseidonStep(${CIRCOM_CHUNK}) (circomlib's PoseidonEx), the count as the first state`,
    `    component ${prefix}[${steps}];`,
  ];
  for (let s = 0; s < steps; s++) {
    lines.push(`    ${prefix}[${s}] = PoseidonStep(${CIRCOM_CHUNK});`);
    lines.push(`    ${prefix}[${s}].initialState <== ${s === 0 ? values.length : `${prefix}[${s - 1}].out`};`);
    for (let i = 0; i < CIRCOM_CHUNK; i++) lines.push(`    ${prefix}[${s}].inputs[${i}] <== ${values[s * CIRCOM_CHUNK + i] ?? '0'};`);
  }
  lines.push(`    ${out} <== ${prefix}[${steps - 1}].out;`);
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
