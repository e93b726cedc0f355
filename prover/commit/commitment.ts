import { poseidonEx } from './poseidon-circom.js';
import { poseidon2Hash } from './poseidon2.js';

/** Values absorbed per circomlib `PoseidonEx(16, 1)` step of the Circom commitment chain. */
export const CIRCOM_CHUNK = 16;

/**
 * The commitment of a list of field elements (negative integers wrap mod p), exactly as the circuit
 * lines of `compose/commitment.ts` compute it:
 * - Circom: a chain of circomlib `PoseidonEx(16, 1)`: the state starts at the number of values,
 *   each step absorbs the next 16 values (the last group padded with zeros) with the previous state
 *   as its initial state (capacity lane); the commitment is the last state.
 * - Noir: noir's std Poseidon2 sponge (`Poseidon2::hash(values, values.length)`: width 4, rate 3,
 *   length * 2^64 in the capacity lane), lane 0 out.
 * The two hashes differ: a commitment is checkable only in the language that made it.
 */
export function commitValues(lang: 'circom' | 'noir', values: readonly bigint[]): bigint {
  if (values.length === 0) throw new Error('a commitment needs at least one value');
  if (lang === 'noir') return poseidon2Hash(values);
  let state = BigInt(values.length);
  for (let start = 0; start < values.length; start += CIRCOM_CHUNK) {
    const chunk = Array.from({ length: CIRCOM_CHUNK }, (_, i) => values[start + i] ?? 0n);
    state = poseidonEx(chunk, state);
  }
  return state;
}
