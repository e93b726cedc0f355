import { mod, modInverse, signed } from './field.js';
import type { ConstraintSystem } from './r1cs.js';
import { linearForm } from './propagate.js';

/**
 * Gaussian elimination over the constraints that are linear in their unknown wires. Propagation
 * sees one constraint at a time; a wire pinned only by two equations together (x + y = a,
 * x − y = b) needs them combined. Rows are kept in reduced echelon form, so a row left with a single
 * wire fixes it.
 *
 * Two-valued wires (bits: b·(b − 1) = 0) are kept out of pivots when possible, so that a bit
 * decomposition ends up as one row over bits only: Σ aᵢ·bᵢ = k. When the |aᵢ| are superincreasing
 * and sum to less than p, the integers — not just the field — must match, and binary-like
 * representations are unique: every bit is fixed. That is why circomlib's Num2Bits(n < 254),
 * comparators and range checks come out fully determined without a solver.
 */

interface Row {
  pivot: number;
  /** Includes the pivot, whose coefficient is 1. */
  terms: Map<number, bigint>;
  constant: bigint;
}

export interface EliminationResult {
  /** Wires the linear part fixes, with their values (−constant of their row). */
  fixed: Map<number, bigint>;
  /** A linear combination of constraints reads 0 = non-zero: no witness extends the known values. */
  inconsistent: boolean;
  /** Stopped early (row cap or deadline): `fixed` may be incomplete but is correct. */
  truncated: boolean;
}

export function eliminate(options: {
  system: ConstraintSystem;
  witness: bigint[];
  known: Uint8Array;
  /** Constraints to consider (those with at least one unknown wire). */
  constraints: Iterable<number>;
  /** Wires restricted to two values by a quadratic. */
  domains?: Map<number, [bigint, bigint]>;
  deadline: number;
  maxRows?: number;
}): EliminationResult {
  const { system, witness, known, deadline } = options;
  const p = system.prime;
  const maxRows = options.maxRows ?? 4000;
  const rows: Row[] = [];
  const pivotRow = new Map<number, Row>();
  const result: EliminationResult = { fixed: new Map(), inconsistent: false, truncated: false };
  for (const index of options.constraints) {
    if (rows.length >= maxRows || Date.now() > deadline) {
      result.truncated = true;
      break;
    }
    const form = linearForm(system.constraints[index], known, witness, p);
    if (!form || form.terms.size === 0) continue;
    // A row over two-valued wires only, as written (before reduction mixes it with other rows).
    if (options.domains && form.terms.size > 1 && [...form.terms.keys()].every((w) => options.domains!.has(w))) {
      const bits = solveSuperincreasing({ pivot: -1, terms: form.terms, constant: form.constant }, options.domains, p);
      if (bits === 'none') result.inconsistent = true;
      else if (bits) for (const [wire, value] of bits) result.fixed.set(wire, value);
    }
    const terms = new Map(form.terms);
    let constant = form.constant;
    // Reduce by existing pivots; pivot rows hold no other pivot, so one pass suffices.
    for (const [wire, coefficient] of [...terms]) {
      const row = pivotRow.get(wire);
      if (!row || !terms.has(wire)) continue;
      const factor = terms.get(wire) ?? coefficient;
      for (const [w, c] of row.terms) {
        const next = mod((terms.get(w) ?? 0n) - factor * c, p);
        if (next === 0n) terms.delete(w);
        else terms.set(w, next);
      }
      constant = mod(constant - factor * row.constant, p);
    }
    if (terms.size === 0) {
      if (constant !== 0n) result.inconsistent = true;
      continue;
    }
    const domains = options.domains;
    const [pivot, lead] = [...terms].find(([w]) => !domains?.has(w)) ?? (terms.entries().next().value as [number, bigint]);
    const inverse = modInverse(lead, p);
    for (const [w, c] of terms) terms.set(w, mod(c * inverse, p));
    const row: Row = { pivot, terms, constant: mod(constant * inverse, p) };
    // Keep the echelon form reduced: remove the new pivot from every older row.
    for (const other of rows) {
      const factor = other.terms.get(pivot);
      if (factor === undefined) continue;
      for (const [w, c] of terms) {
        const next = mod((other.terms.get(w) ?? 0n) - factor * c, p);
        if (next === 0n) other.terms.delete(w);
        else other.terms.set(w, next);
      }
      other.constant = mod(other.constant - factor * row.constant, p);
    }
    rows.push(row);
    pivotRow.set(pivot, row);
  }
  for (const row of rows) {
    if (row.terms.size === 1) result.fixed.set(row.pivot, mod(-row.constant, p));
    else if (options.domains && [...row.terms.keys()].every((w) => options.domains!.has(w))) {
      const bits = solveSuperincreasing(row, options.domains, p);
      if (bits === 'none') result.inconsistent = true;
      else if (bits) for (const [wire, value] of bits) result.fixed.set(wire, value);
    }
  }
  return result;
}

/**
 * Does a constraint holding `wires` now fail outright: fully known and false, or, as written, a
 * linear row over two-valued wires only (a bit decomposition of a value now known) without a
 * solution? A cheap look at the rows a change touched, before an elimination over a whole scope
 * finds the same.
 */
export function refutedRow(system: ConstraintSystem, known: Uint8Array, witness: bigint[], wires: Iterable<number>, domains: Map<number, [bigint, bigint]>): boolean {
  const p = system.prime;
  const seen = new Set<number>();
  for (const wire of wires) {
    for (const index of system.uses[wire]) {
      if (seen.has(index)) continue;
      seen.add(index);
      const form = linearForm(system.constraints[index], known, witness, p);
      if (!form) continue;
      if (form.terms.size === 0 && form.constant !== 0n) return true; // fully known, and false
      if (form.terms.size < 2 || ![...form.terms.keys()].every((w) => domains.has(w))) continue;
      if (solveSuperincreasing({ pivot: -1, terms: form.terms, constant: form.constant }, domains, p) === 'none') return true;
    }
  }
  return false;
}

/**
 * Σ cᵢ·xᵢ + k = 0 with each xᵢ ∈ {rᵢ, sᵢ}. Writing xᵢ = rᵢ + (sᵢ − rᵢ)·βᵢ with βᵢ ∈ {0, 1} gives
 * Σ aᵢ·βᵢ = T. Try each term as the unit (scaling the row so its coefficient is 1); if the scaled
 * |aᵢ| are superincreasing with Σ|aᵢ| < p, the solution is unique and found greedily. Returns the
 * values, 'none' when no 0/1 choice fits, undefined when the rule does not apply.
 */
function solveSuperincreasing(row: Row, domains: Map<number, [bigint, bigint]>, p: bigint): Map<number, bigint> | 'none' | undefined {
  const wires = [...row.terms.keys()];
  let base = row.constant;
  const spans: bigint[] = [];
  for (const wire of wires) {
    const [r, s] = domains.get(wire)!;
    const c = row.terms.get(wire)!;
    base = mod(base + c * r, p);
    spans.push(mod(c * (s - r), p));
  }
  // Two terms of equal magnitude (±) stay equal under any scaling: never superincreasing. This is
  // what a row merging two decompositions looks like (x + y = k, both decomposed), met at every probe.
  const magnitude = (span: bigint) => (span > p / 2n ? p - span : span);
  if (new Set(spans.map(magnitude)).size < spans.length) return undefined;
  // The unit is the smallest coefficient: try the spans smallest first (as signed integers), so a
  // decomposition is usually solved at the first try instead of after a modular inverse per bit.
  const units = [...new Set(spans)].sort((x, y) => (magnitude(x) < magnitude(y) ? -1 : magnitude(x) > magnitude(y) ? 1 : 0));
  for (const unitSpan of units) {
    if (unitSpan === 0n) continue;
    const scale = modInverse(unitSpan, p);
    // Reject a wrong unit early: scaled coefficients then look random and their sum passes p fast.
    const scaled: bigint[] = [];
    let sum = 0n;
    for (const a of spans) {
      const value = signed((a * scale) % p, p);
      sum += value < 0n ? -value : value;
      if (sum >= p) break;
      scaled.push(value);
    }
    if (scaled.length < spans.length) continue;
    // Negative coefficients: flip the bit (β → 1 − β) so every coefficient is positive.
    let target = mod(-base * scale, p);
    for (const a of scaled) if (a < 0n) target = mod(target - a, p);
    const magnitudes = scaled.map((a) => (a < 0n ? -a : a));
    const order = [...magnitudes.keys()].sort((i, j) => (magnitudes[i] < magnitudes[j] ? -1 : magnitudes[i] > magnitudes[j] ? 1 : 0));
    let total = 0n;
    let superincreasing = true;
    for (const i of order) {
      if (magnitudes[i] <= total) superincreasing = false;
      total += magnitudes[i];
    }
    if (!superincreasing || total >= p) continue;
    if (target > total) return 'none';
    const values = new Map<number, bigint>();
    for (const i of order.reverse()) {
      const take = magnitudes[i] <= target;
      if (take) target -= magnitudes[i];
      const beta = take !== scaled[i] < 0n; // flipped bits read back inverted
      const [r, s] = domains.get(wires[i])!;
      values.set(wires[i], beta ? s : r);
    }
    return target === 0n ? values : 'none';
  }
  return undefined;
}
