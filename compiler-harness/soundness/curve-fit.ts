import { mod, modInverse, polynomialRoots } from './field.js';

/**
 * Zeros of a function of one input, known only by samples: the special-point search
 * (`special-points.ts`) samples a constraint side or residual at t = t0, t0 + 1, … through the
 * witness generator and asks where it vanishes. Two shapes cover the formulas of curve arithmetic
 * and conversions: a polynomial of degree ≤ 2 (3x² + 2Ax + 1, x2 − x1) and a ratio
 * (a·t² + b·t + c) / (d·t + e) ((1 + y) / (1 − y)). Anything else has no zeros here.
 *
 * @example
 * zerosOfSamples([10n, 11n, 12n, 13n, 14n, 15n, 16n], [-5n, -4n, …], p) // [5n] for f(t) = t − 15
 */

/** How many samples `zerosOfSamples` wants: five to fit the ratio, two to confirm it. */
export const SAMPLE_COUNT = 7;

export function zerosOfSamples(ts: bigint[], values: bigint[], p: bigint): bigint[] {
  const f = values.map((v) => mod(v, p));
  if (f.every((v) => v === f[0])) return [];
  const polynomial = quadraticThrough(ts, f, p);
  if (polynomial) return polynomialRoots(polynomial[0], polynomial[1], polynomial[2], p) ?? [];
  return ratioZeros(ts, f, p);
}

/** The polynomial of degree ≤ 2 through the first three samples, if every other sample lies on it. */
function quadraticThrough(ts: bigint[], f: bigint[], p: bigint): [bigint, bigint, bigint] | undefined {
  const rows = ts.slice(0, 3).map((t, i) => [mod(t * t, p), mod(t, p), 1n, f[i]]);
  const solution = solveSquare(rows, p);
  if (!solution) return undefined;
  const [a, b, c] = solution;
  const on = ts.every((t, i) => mod(a * t * t + b * t + c - f[i], p) === 0n);
  return on ? [a, b, c] : undefined;
}

/** Fit f·(d·t + e) = a·t² + b·t + c with e = 1 (or d = 1), confirm on every sample, zeros of the numerator that are not poles. */
function ratioZeros(ts: bigint[], f: bigint[], p: bigint): bigint[] {
  for (const fixDenominator of ['e', 'd'] as const) {
    // Unknowns a, b, c, and the denominator coefficient left free; the fixed one moves to the right side.
    const rows = ts.slice(0, 4).map((t, i) => {
      const tt = mod(t * t, p);
      const free = fixDenominator === 'e' ? mod(-f[i] * t, p) : mod(-f[i], p);
      const right = fixDenominator === 'e' ? f[i] : mod(f[i] * t, p);
      return [tt, mod(t, p), 1n, free, right];
    });
    const solution = solveSquare(rows, p);
    if (!solution) continue;
    const [a, b, c, other] = solution;
    const [d, e] = fixDenominator === 'e' ? [other, 1n] : [1n, other];
    const fits = ts.every((t, i) => {
      const denominator = mod(d * t + e, p);
      return denominator !== 0n && mod(f[i] * denominator - (a * t * t + b * t + c), p) === 0n;
    });
    if (!fits) continue;
    return (polynomialRoots(a, b, c, p) ?? []).filter((root) => mod(d * root + e, p) !== 0n);
  }
  return [];
}

/** Gaussian elimination on an n × (n + 1) augmented matrix; `undefined` when it is singular. */
function solveSquare(rows: bigint[][], p: bigint): bigint[] | undefined {
  const n = rows.length;
  const m = rows.map((row) => row.map((v) => mod(v, p)));
  for (let col = 0; col < n; col++) {
    const pivot = m.findIndex((row, r) => r >= col && row[col] !== 0n);
    if (pivot < 0) return undefined;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const inverse = modInverse(m[col][col], p);
    m[col] = m[col].map((v) => mod(v * inverse, p));
    for (let r = 0; r < n; r++) {
      if (r === col || m[r][col] === 0n) continue;
      const factor = m[r][col];
      m[r] = m[r].map((v, k) => mod(v - factor * m[col][k], p));
    }
  }
  return m.map((row) => row[n]);
}
