import { FIELD_MODULUS as P, pow5, toField } from './field.js';
import { EXTERNAL_CONSTANTS, INTERNAL_CONSTANTS, INTERNAL_DIAGONAL } from './poseidon2-constants.js';

/** The external rounds' matrix: rows (5 7 1 3), (4 6 1 1), (1 3 5 7), (1 1 4 6). */
function external([a, b, c, d]: bigint[]): bigint[] {
  return [(5n * a + 7n * b + c + 3n * d) % P, (4n * a + 6n * b + c + d) % P, (a + 3n * b + 5n * c + 7n * d) % P, (a + b + 4n * c + 6n * d) % P];
}

/** The internal rounds' matrix: 1 + diag(INTERNAL_DIAGONAL). */
function internal(state: bigint[]): bigint[] {
  const sum = state.reduce((total, x) => total + x, 0n);
  return state.map((x, i) => (x * INTERNAL_DIAGONAL[i] + sum) % P);
}

/** noir's `std::hash::poseidon2_permutation(state, 4)` (Barretenberg's Poseidon2, width 4). */
export function poseidon2Permutation(input: readonly bigint[]): bigint[] {
  if (input.length !== 4) throw new Error(`poseidon2 permutation: width 4 expected, got ${input.length} values`);
  let state = external(input.map(toField));
  const fullRound = (round: number) => {
    state = external(state.map((x, i) => pow5((x + EXTERNAL_CONSTANTS[round * 4 + i]) % P)));
  };
  for (let round = 0; round < 4; round++) fullRound(round);
  for (const constant of INTERNAL_CONSTANTS) {
    state[0] = pow5((state[0] + constant) % P);
    state = internal(state);
  }
  for (let round = 4; round < 8; round++) fullRound(round);
  return state;
}

/**
 * The Poseidon2 sponge of noir's standard library (`Poseidon2::hash(values, values.length)`): rate 3,
 * capacity lane initialised to length * 2^64, values absorbed 3 at a time (the last group padded
 * with zeros), one permutation per group, lane 0 out.
 */
export function poseidon2Hash(values: readonly bigint[]): bigint {
  let state = [0n, 0n, 0n, BigInt(values.length) << 64n];
  for (let start = 0; start === 0 || start < values.length; start += 3) {
    for (let i = 0; i < 3; i++) state[i] = (state[i] + toField(values[start + i] ?? 0n)) % P;
    state = poseidon2Permutation(state);
  }
  return state[0];
}
