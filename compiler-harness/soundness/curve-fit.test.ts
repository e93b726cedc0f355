import { expect, it } from 'vitest';
import { SAMPLE_COUNT, zerosOfSamples } from './curve-fit.js';
import { mod, modInverse } from './field.js';

/** Zeros of a function known by samples (the special-point search's solver), against direct formulas. */

const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;
const ts = [...Array(SAMPLE_COUNT).keys()].map((k) => 10n + BigInt(k));
const sample = (f: (t: bigint) => bigint) => ts.map((t) => mod(f(t), P));

it('finds both roots of the doubling numerator 3x² + 2Ax + 1', () => {
  const A = 168698n;
  const roots = zerosOfSamples(ts, sample((x) => 3n * x * x + 2n * A * x + 1n), P);
  expect(roots).toHaveLength(2);
  for (const x of roots) expect(mod(3n * x * x + 2n * A * x + 1n, P)).toBe(0n);
});

it('finds the zero of a ratio (1 + y) / (1 − y) and not its pole', () => {
  expect(zerosOfSamples(ts, sample((y) => (1n + y) * modInverse(mod(1n - y, P), P)), P)).toEqual([P - 1n]);
});

it('finds nothing for a constant, a square with no root, or a cubic', () => {
  expect(zerosOfSamples(ts, sample(() => 5n), P)).toEqual([]);
  // 5 is not a square mod the BN254 scalar field: x² − 5 has no root.
  expect(zerosOfSamples(ts, sample((x) => x * x - 5n), P)).toEqual([]);
  expect(zerosOfSamples(ts, sample((x) => x * x * x - 1000n), P)).toEqual([]);
});
