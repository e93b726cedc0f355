import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CIRCOMLIB_ROOT } from '../../compiler-harness/circom/includes.js';
import { FIELD_MODULUS as P, pow5, toField } from './field.js';

/** circomlib's partial-round counts for widths t = 2 .. 17 (poseidon.circom, N_ROUNDS_P). */
const PARTIAL_ROUNDS = [56, 57, 56, 60, 60, 63, 64, 63, 60, 66, 60, 65, 70, 60, 64, 68];
const FULL_ROUNDS = 8;

interface Constants {
  C: bigint[];
  S: bigint[];
  M: bigint[][];
  P: bigint[][];
}

const cache = new Map<number, Constants>();
let constantsSource: string | undefined;

/** One width's branch of a constants function of circomlib's poseidon_constants.circom, as numbers. */
function readConstants(fn: string, t: number): bigint[] {
  constantsSource ??= readFileSync(join(CIRCOMLIB_ROOT, 'circuits', 'poseidon_constants.circom'), 'utf8');
  const start = constantsSource.indexOf(`function ${fn}(t)`);
  const branch = new RegExp(`t\\s*==\\s*${t}\\s*\\)`, 'g');
  branch.lastIndex = start;
  const found = start >= 0 ? branch.exec(constantsSource) : null;
  if (!found) throw new Error(`circomlib poseidon_constants.circom: no ${fn} for t = ${t}`);
  const end = constantsSource.indexOf('];\n', found.index);
  return [...constantsSource.slice(found.index, end).matchAll(/0x[0-9a-fA-F]+/g)].map((m) => BigInt(m[0]));
}

function constants(t: number): Constants {
  let found = cache.get(t);
  if (!found) {
    const square = (flat: bigint[]) => Array.from({ length: t }, (_, row) => flat.slice(row * t, row * t + t));
    found = { C: readConstants('POSEIDON_C', t), S: readConstants('POSEIDON_S', t), M: square(readConstants('POSEIDON_M', t)), P: square(readConstants('POSEIDON_P', t)) };
    cache.set(t, found);
  }
  return found;
}

/**
 * circomlib's `PoseidonEx(inputs.length, 1)` with `initialState`, computed as its circuit computes
 * it (the optimised round structure of circuits/poseidon.circom, the constants read from the
 * packaged circomlib), so a value computed here equals the circuit's output bit for bit.
 * `Poseidon(n)` is the case initialState = 0.
 */
export function poseidonEx(inputs: readonly bigint[], initialState = 0n): bigint {
  const t = inputs.length + 1;
  if (t < 2 || t > 17) throw new Error(`circomlib Poseidon takes 1 to 16 inputs, got ${inputs.length}`);
  const { C, S, M, P: pre } = constants(t);
  const partial = PARTIAL_ROUNDS[t - 2];
  const half = FULL_ROUNDS / 2;
  const ark = (state: bigint[], offset: number) => state.map((x, i) => (x + C[offset + i]) % P);
  const mix = (state: bigint[], matrix: bigint[][]) => state.map((_, i) => state.reduce((acc, x, j) => acc + matrix[j][i] * x, 0n) % P);
  const sigma = (state: bigint[]) => state.map(pow5);

  let state = ark([toField(initialState), ...inputs.map(toField)], 0);
  for (let r = 0; r < half - 1; r++) state = mix(ark(sigma(state), (r + 1) * t), M);
  state = mix(ark(sigma(state), half * t), pre);
  for (let r = 0; r < partial; r++) {
    const first = (pow5(state[0]) + C[(half + 1) * t + r]) % P;
    const row = (2 * t - 1) * r;
    const mixed = [state.reduce((acc, x, i) => acc + S[row + i] * (i === 0 ? first : x), 0n) % P];
    for (let i = 1; i < t; i++) mixed.push((state[i] + first * S[row + t + i - 1]) % P);
    state = mixed;
  }
  for (let r = 0; r < half - 1; r++) state = mix(ark(sigma(state), (half + 1) * t + partial + r * t), M);
  state = sigma(state);
  return state.reduce((acc, x, j) => acc + M[j][0] * x, 0n) % P;
}
