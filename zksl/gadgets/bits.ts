/**
 * Decomposition and tables: bits, digits, range checks, and lookup tables — large lookup domains
 * are split into digits and looked up digit by digit (zkLLM's tlookup).
 */
import { Signal, sum, type Val } from '../core/signal.js';
import { toField } from '../core/field.js';
import { activeCircuit, assertRange, H, witness, witnessArray, type Table } from '../core/hint.js';
import { Bool, Field, UInt } from '../core/types.js';

export { assertRange };
export type { Table };

/**
 * Little-endian bits of x; asserts x < 2^n (n Bool checks, one linear recomposition).
 * Example: `const bits = G.toBits(x, 8)` gives bits[0] = x mod 2.
 */
export function toBits(x: Val, n: number): Signal[] {
  const value = Signal.from(x);
  // hint: each bit; check: booleanity (by the Bool type); constraint: the bits recompose to x
  const bits = witnessArray(Bool, n, (i) => H.bit(value, i), 'bit');
  fromBits(bits).assertEquals(value, `toBits(${n}) recomposition`);
  return bits;
}

/** Σ bits[i]·2^i (linear, free; does not check booleanity). Example: `G.fromBits([b0, b1, b2])`. */
export function fromBits(bits: readonly Val[]): Signal {
  return sum(bits.map((bit, i) => Signal.from(bit).scale(1n << BigInt(i))));
}

/**
 * Split x into `count` little-endian digits of `digitBits` bits, each range-checked; asserts
 * x < 2^(digitBits·count). For lookups over large domains, digit by digit (zkLLM tlookup).
 * Example: `const [lo, hi] = G.toDigits(x, 4, 2)` for x < 256.
 */
export function toDigits(x: Val, digitBits: number, count: number): Signal[] {
  const value = Signal.from(x);
  const base = 1n << BigInt(digitBits);
  const digits = Array.from({ length: count }, (_, i) =>
    witness(UInt(digitBits), H.mod(H.shr(value, digitBits * i), base), `digit_${i}`),
  );
  sum(digits.map((d, i) => d.scale(base ** BigInt(i)))).assertEquals(value, `toDigits(${digitBits}×${count}) recomposition`);
  return digits;
}

/** Largest table domain; larger domains are split into digits with `toDigits`. */
export const MAX_TABLE_SIZE = 1 << 12;

/**
 * A constant table of `fn(x)` for x in 0 … size − 1 (values may be negative).
 * Example: `const expTable = G.defineTable({ name: 'exp', size: 16, fn: (x) => Math.round(256 * Math.exp(-x / 4)) })`.
 */
export function defineTable(options: { name: string; size: number; fn: (x: number) => number | bigint }): Table {
  const { name, size, fn } = options;
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) throw new Error(`defineTable: name '${name}' must be an identifier`);
  if (!Number.isInteger(size) || size < 1 || size > MAX_TABLE_SIZE) {
    throw new Error(`defineTable ${name}: size must be in [1, ${MAX_TABLE_SIZE}]; split larger domains with toDigits`);
  }
  return { name, values: Array.from({ length: size }, (_, x) => toField(fn(x))) };
}

/**
 * table[x]: a hint plus the lookup constraint (x, y) ∈ table (so 0 ≤ x < size).
 * Example: `const e = G.lookup(expTable, d)`.
 */
export function lookup(table: Table, x: Val): Signal {
  const index = Signal.from(x);
  const y = witness(Field, H.lookup(table, index), table.name);
  activeCircuit().assertLookup(table, index, y, `lookup ${table.name}`);
  return y;
}
