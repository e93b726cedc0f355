/** Hashing: circomlib's Poseidon over BN254, the hash Merkle trees and commitments use. */
import { Signal, sum, type Val } from '../core/signal.js';
import { POSEIDON_C as C, POSEIDON_M as M, POSEIDON_PRE as PRE, POSEIDON_S as S } from './poseidon-constants.js';

const T = 3;
const FULL_ROUNDS = 8;
const PARTIAL_ROUNDS = 57;

/**
 * circomlib's Poseidon hash of exactly 2 field elements (240 products; same value in Circom and
 * Noir). Example: `G.poseidon([left, right])`.
 */
export function poseidon(inputs: readonly Val[]): Signal {
  if (!Array.isArray(inputs) || inputs.length !== 2) {
    const got = Array.isArray(inputs) ? `${inputs.length} input${inputs.length === 1 ? '' : 's'}` : `a ${typeof inputs}`;
    throw new Error(`G.poseidon takes an array of exactly 2 inputs (circomlib Poseidon(2)), got ${got}; hash more values pairwise: G.poseidon([G.poseidon([a, b]), c])`);
  }
  // circomlib's optimised form (PoseidonEx), written flat: the sandbox's cost grows with stack depth
  let s = [Signal.from(C[0]), Signal.from(inputs[0]).add(C[1]), Signal.from(inputs[1]).add(C[2])];
  for (let r = 0; r < FULL_ROUNDS; r++) {
    // full round: S-box on every lane, then (except after the last) add constants and mix
    for (let i = 0; i < T; i++) {
      const x2 = s[i].mul(s[i]);
      s[i] = x2.mul(x2).mul(s[i]);
    }
    if (r === FULL_ROUNDS - 1) break;
    const offset = r < FULL_ROUNDS / 2 ? (r + 1) * T : (FULL_ROUNDS / 2 + 1) * T + PARTIAL_ROUNDS + (r - FULL_ROUNDS / 2) * T;
    for (let i = 0; i < T; i++) s[i] = s[i].add(C[offset + i]);
    const matrix = r === FULL_ROUNDS / 2 - 1 ? PRE : M;
    const mixed: Signal[] = [];
    for (let i = 0; i < T; i++) mixed.push(sum([s[0].scale(matrix[i]), s[1].scale(matrix[T + i]), s[2].scale(matrix[2 * T + i])]));
    s = mixed;
    if (r === FULL_ROUNDS / 2 - 1) {
      // the partial rounds: S-box on lane 0, add its constant, then the sparse matrix S
      for (let p = 0; p < PARTIAL_ROUNDS; p++) {
        const x2 = s[0].mul(s[0]);
        const s0 = x2.mul(x2).mul(s[0]).add(C[(FULL_ROUNDS / 2 + 1) * T + p]);
        const k = (2 * T - 1) * p;
        s = [sum([s0.scale(S[k]), s[1].scale(S[k + 1]), s[2].scale(S[k + 2])]), s[1].add(s0.scale(S[k + 3])), s[2].add(s0.scale(S[k + 4]))];
      }
    }
  }
  // MixLast, lane 0
  return sum([s[0].scale(M[0]), s[1].scale(M[T]), s[2].scale(M[2 * T])]);
}
