import { mod, modInverse } from './field.js';
import type { Combination, Constraint, ConstraintSystem } from './r1cs.js';

/**
 * Structures recognised in the R1CS rather than the source: Boolean wires (w·(w − 1) = 0 in any
 * arrangement) and bit decompositions (one wire equal to Σ 2^k·b_k over Boolean b_k). A
 * decomposition into at most 253 bits is a range check (the sum stays below p); with 254 or more
 * the bits of v + p satisfy it too, so it is not one.
 */

/** Wires some constraint restricts to {0, 1}. */
export function booleanWires(system: ConstraintSystem): Set<number> {
  const p = system.prime;
  const booleans = new Set<number>();
  for (const constraint of system.constraints) {
    const wires = new Set([...constraint.a.wires, ...constraint.b.wires, ...constraint.c.wires].filter((w) => w !== 0));
    if (wires.size !== 1) continue;
    const [w] = wires;
    const f = (v: bigint) => mod(evaluate(constraint.a, w, v) * evaluate(constraint.b, w, v) - evaluate(constraint.c, w, v), p);
    if (f(0n) === 0n && f(1n) === 0n && f(2n) !== 0n) booleans.add(w);
  }
  return booleans;
}

/** Wires equal to a sum of distinct powers of two times Boolean wires, with at most 253 bits: range-checked. */
export function rangeCheckedWires(system: ConstraintSystem, booleans = booleanWires(system)): Set<number> {
  const p = system.prime;
  const checked = new Set<number>();
  for (const constraint of system.constraints) {
    const terms = linearTerms(constraint, p);
    if (!terms) continue;
    const others = [...terms].filter(([w]) => w !== 0 && !booleans.has(w));
    if (others.length !== 1 || terms.size - others.length > 254) continue;
    const [target, coefficient] = others[0];
    const scale = mod(-modInverse(coefficient, p), p);
    const powers = new Set<bigint>();
    let bits = 0;
    for (const [w, c] of terms) {
      if (w === 0 || w === target) continue;
      const ratio = mod(c * scale, p);
      // Σ 2^k·b_k = target, or the same negated; distinct powers keep the decomposition unique.
      const power = ratio & (ratio - 1n) ? mod(-ratio, p) : ratio;
      if (power === 0n || power & (power - 1n) || powers.has(power)) break;
      powers.add(power);
      bits++;
    }
    if (bits > 0 && bits === terms.size - 1 - (terms.has(0) ? 1 : 0) && bits <= 253) checked.add(target);
  }
  return checked;
}

function evaluate(combination: Combination, wire: number, value: bigint): bigint {
  let sum = 0n;
  combination.wires.forEach((w, i) => (sum += combination.coefficients[i] * (w === 0 ? 1n : w === wire ? value : 0n)));
  return sum;
}

/** A·B = C as Σ c_w·w = 0 when A or B is a constant (linear constraints); `undefined` otherwise. */
function linearTerms(constraint: Constraint, p: bigint): Map<number, bigint> | undefined {
  const constant = (c: Combination) => c.wires.every((w) => w === 0);
  const value = (c: Combination) => c.coefficients.reduce((s, x) => s + x, 0n);
  let scale: bigint;
  let other: Combination;
  if (constant(constraint.a)) [scale, other] = [value(constraint.a), constraint.b];
  else if (constant(constraint.b)) [scale, other] = [value(constraint.b), constraint.a];
  else return undefined;
  const terms = new Map<number, bigint>();
  const add = (w: number, c: bigint) => terms.set(w, mod((terms.get(w) ?? 0n) + c, p));
  other.wires.forEach((w, i) => add(w, scale * other.coefficients[i]));
  constraint.c.wires.forEach((w, i) => add(w, -constraint.c.coefficients[i]));
  for (const [w, c] of terms) if (c === 0n) terms.delete(w);
  return terms;
}

/**
 * Upper bounds of decomposed wires: target = Σ 2^k·b_k over distinct powers (all added, no
 * constant term, at most 253 Boolean bits) lies in [0, Σ 2^k] as an integer (bounds.ts).
 */
export function decompositionBounds(system: ConstraintSystem, booleans = booleanWires(system)): Map<number, bigint> {
  const p = system.prime;
  const bounds = new Map<number, bigint>();
  for (const constraint of system.constraints) {
    const terms = linearTerms(constraint, p);
    if (!terms || terms.has(0) || terms.size > 254) continue;
    const others = [...terms].filter(([w]) => !booleans.has(w));
    if (others.length !== 1 || terms.size < 2) continue;
    const [target, coefficient] = others[0];
    const scale = mod(-modInverse(coefficient, p), p);
    const powers = new Set<bigint>();
    let sum = 0n;
    for (const [w, c] of terms) {
      if (w === target) continue;
      const power = mod(c * scale, p);
      if (power === 0n || power & (power - 1n) || powers.has(power) || power >= 1n << 253n) break;
      powers.add(power);
      sum += power;
    }
    if (powers.size !== terms.size - 1) continue;
    const old = bounds.get(target);
    if (old === undefined || sum < old) bounds.set(target, sum);
  }
  return bounds;
}

/** The decompositions' bounds depend on the constraints only: read once per system. */
const boundsCache = new WeakMap<ConstraintSystem, Map<number, bigint>>();
export function boundsOf(system: ConstraintSystem): Map<number, bigint> {
  let bounds = boundsCache.get(system);
  if (!bounds) boundsCache.set(system, (bounds = decompositionBounds(system)));
  return bounds;
}
