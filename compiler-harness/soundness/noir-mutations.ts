import { modInverse, seededElements } from './field.js';
import type { ScalarType } from './noir-hint-types.js';
import { BN254_PRIME } from '../field.js';

/**
 * The answers a malicious prover would try for one hint call, most likely lies first. A hint's
 * answer is a flat list of values (see noir-hint-types.ts), each with its scalar type; every
 * alternative stays inside those types (a u8 stays below 256), because the ACVM would refuse
 * anything else and a real prover cannot produce it either.
 *
 * - one value moved: ±1, 0, 1, the type's top, −v, 2v, v/2, a random element, and each value the
 *   call was given (a max/min/select hint answering with another element);
 * - two values moved together: a unit moved from one to the other (a one-hot selector shifted, a
 *   sum kept), a swap, and a divisor moved between a quotient and a remainder — q ± 1 with r ∓ d,
 *   where d is read off the call (q·d + r = an argument, or the power of two nearest argument / q);
 * - a field value moved by a fraction ±2^−k (a bit whose booleanity check is gone).
 */

const P = BN254_PRIME;
/** Values per answer that are moved; answers are arrays of up to thousands of values. */
const MOVED = 8;
const PAIR_ALTERNATIVES = 48;
/** Fractional moves ±2^−k for k up to this (the widest range checks zkcoder's entries use). */
const FRACTION_BITS = 64;

export interface HintAnswer {
  types: ScalarType[];
  /** The honest answer, hex field elements. */
  honest: string[];
  /** Every argument value the call received, hex field elements. */
  args: string[];
}

/**
 * Alternative answers in the order to try them, each a full answer (hex strings), made one at a
 * time: a caller that stops after a few never builds the rest (an answer may hold thousands of values).
 */
export function* answerMutations(answer: HintAnswer, seed = 0): Generator<string[]> {
  const { types, honest } = answer;
  const seen = new Set<string>();
  for (const changes of changeLists(answer, seed)) {
    const alternative = honest.slice();
    const key: string[] = [];
    let valid = true;
    for (const [index, value] of changes) {
      const wrapped = wrap(types[index], value);
      if (wrapped === undefined) valid = false;
      else if (wrapped !== BigInt(honest[index])) {
        alternative[index] = `0x${wrapped.toString(16)}`;
        key.push(`${index}=${wrapped}`);
      }
    }
    const id = key.sort().join(';');
    if (!valid || id === '' || seen.has(id)) continue;
    seen.add(id);
    yield alternative;
  }
}

/** The moves, as (index, new value) lists, likeliest first; values may still need wrapping into their type. */
function* changeLists(answer: HintAnswer, seed: number): Generator<[number, bigint][]> {
  const { types } = answer;
  const values = answer.honest.map((hex) => BigInt(hex));
  const argumentValues = [...new Set(answer.args.slice(0, 64).map((hex) => BigInt(hex)))].slice(0, 8);
  const moved = values.slice(0, MOVED);
  for (let i = 0; i < moved.length; i++) {
    const [v, type] = [moved[i], types[i]];
    if (type.kind === 'bool') {
      yield [[i, 1n - v]];
      continue;
    }
    const top = type.kind === 'integer' ? (1n << BigInt(type.bits)) - 1n : P - 1n;
    for (const c of [v + 1n, v - 1n, 0n, 1n, top, -v, 2n * v, v / 2n, ...argumentValues, ...seededElements(seed + i + 7, 1, top + 1n)]) yield [[i, c]];
  }
  let pairs = 0;
  for (let i = 0; i < moved.length && pairs < PAIR_ALTERNATIVES; i++) {
    for (let j = 0; j < moved.length && pairs < PAIR_ALTERNATIVES; j++) {
      if (i === j || types[i].kind === 'bool' || types[j].kind === 'bool') continue;
      // Divisor moves first per pair; a long answer still gets every adjacent unit move early.
      const moves: [number, bigint][][] = divisors(values[i], values[j], argumentValues).flatMap((d) => [
        [[i, values[i] + 1n], [j, values[j] - d]],
        [[i, values[i] - 1n], [j, values[j] + d]],
      ]);
      if (i < j) moves.push([[i, values[i] + 1n], [j, values[j] - 1n]], [[i, values[i] - 1n], [j, values[j] + 1n]], [[i, values[j]], [j, values[i]]]);
      for (const move of moves.slice(0, PAIR_ALTERNATIVES - pairs)) {
        pairs++;
        yield move;
      }
    }
  }
  // Three neighbours moved by +1, −2, +1 (and back): the sum and the index-weighted sum stay the
  // same, so a one-hot selector checked only by Σ s = 1 and Σ i·s = index still balances.
  for (let i = 0; i + 2 < moved.length; i++) {
    if ([i, i + 1, i + 2].some((j) => types[j].kind === 'bool')) continue;
    for (const sign of [1n, -1n]) yield [[i, values[i] + sign], [i + 1, values[i + 1] - 2n * sign], [i + 2, values[i + 2] + sign]];
  }
  // Last, fractions: a field value that should be a bit or an integer but is only used scaled
  // (s·2^k range-checked, booleanity dropped) can move by 2^−k and stay inside the range.
  for (let k = 1; k <= FRACTION_BITS; k++) {
    const step = modInverse(1n << BigInt(k), P);
    for (let i = 0; i < moved.length; i++) {
      if (types[i].kind !== 'field') continue;
      yield [[i, moved[i] - step]];
      yield [[i, moved[i] + step]];
    }
  }
}

/** Divisors d with q·d + r near an argument: exact ones, then the powers of two around a / q. */
function divisors(q: bigint, r: bigint, args: bigint[]): bigint[] {
  const sq = signed(q);
  if (sq === 0n) return [];
  const found = new Set<bigint>();
  for (const a of args.map(signed)) {
    const n = a - signed(r);
    if (n % sq === 0n && abs(n / sq) > 1n) found.add(abs(n / sq));
    const estimate = abs(a / sq);
    if (estimate >= 2n) {
      const low = 1n << BigInt(estimate.toString(2).length - 1);
      found.add(low).add(low * 2n);
    }
  }
  return [...found].slice(0, 4);
}

function wrap(type: ScalarType, value: bigint): bigint | undefined {
  if (type.kind === 'bool') return value === 0n || value === 1n ? value : undefined;
  const modulus = type.kind === 'integer' ? 1n << BigInt(type.bits) : P;
  return ((value % modulus) + modulus) % modulus;
}

function signed(value: bigint): bigint {
  return value > P / 2n ? value - P : value;
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
