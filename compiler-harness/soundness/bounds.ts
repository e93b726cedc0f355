import { mod, modInverse } from './field.js';
import { linearForm, type PropagationState } from './propagate.js';
import type { ConstraintSystem } from './r1cs.js';
import { boundsOf } from './structures.js';

/**
 * Integer bounds on unknown wires, and the division they make unique. A wire equal to Σ 2^k·b_k
 * over Boolean b_k (at most 253 bits) lies in [0, Σ 2^k] as an integer (structures.ts). Through a
 * linear row in two unknown wires x + y = β (both bounded, the bounds' sum below p) the integers
 * must add up exactly, so each is at most β: this is how `total − 1 − r` in range gives r < total.
 *
 * Division: T·q + r = N with T known, q ∈ [0, Q], r ∈ [0, U], U < T and Q·T + U < p has at most
 * one solution: two would give (q1 − q2)·T ≡ r2 − r1 with both sides smaller than p, so they are
 * equal as integers, and |r2 − r1| ≤ U < T forces q1 = q2. Both wires are then determined (the
 * honest witness is the solution).
 */

export function boundedDivisions(options: { system: ConstraintSystem; state: PropagationState; bounds?: Map<number, bigint> }): number[] {
  const { system, state } = options;
  const p = system.prime;
  const upper = new Map<number, bigint>();
  for (const [wire, bound] of options.bounds ?? boundsOf(system)) if (!state.known[wire]) upper.set(wire, bound);
  if (upper.size === 0) return [];
  const rows: { x: number; y: number; cx: bigint; constant: bigint }[] = [];
  for (let index = 0; index < system.constraints.length; index++) {
    if (state.unknownCounts[index] !== 2) continue;
    const form = linearForm(system.constraints[index], state.known, state.witness, p);
    if (!form || form.terms.size !== 2) continue;
    // Normalised to cx·x + y = constant.
    const [[x, a], [y, b]] = [...form.terms];
    const inverse = modInverse(b, p);
    rows.push({ x, y, cx: mod(a * inverse, p), constant: mod(-form.constant * inverse, p) });
  }
  // x + y = β (or y = x): tighten bounds until nothing changes.
  for (let changed = true, rounds = 0; changed && rounds < 10; rounds++) {
    changed = false;
    const tighten = (wire: number, bound: bigint) => {
      const old = upper.get(wire);
      if (old === undefined || bound < old) {
        upper.set(wire, bound);
        changed = true;
      }
    };
    for (const { x, y, cx, constant } of rows) {
      const [bx, by] = [upper.get(x), upper.get(y)];
      if (cx === 1n && bx !== undefined && by !== undefined && bx + by < p && constant <= bx + by) {
        tighten(x, constant);
        tighten(y, constant);
      } else if (cx === p - 1n && constant === 0n) {
        if (bx !== undefined) tighten(y, bx);
        if (by !== undefined) tighten(x, by);
      }
    }
  }
  const fixed: number[] = [];
  for (const { x, y, cx, constant } of rows) {
    if (state.known[x] || state.known[y]) continue;
    // cx·x + y = N: x the quotient, y the remainder; or the other way round (scaled by 1/cx).
    for (const [q, r, t] of [[x, y, cx], [y, x, modInverse(cx, p)]] as [number, number, bigint][]) {
      const [bq, br] = [upper.get(q), upper.get(r)];
      if (bq === undefined || br === undefined || br >= t || bq * t + br >= p) continue;
      // The one solution is the witness's only if it satisfies the row (a partial witness may not).
      const [vq, vr] = [state.witness[q], state.witness[r]];
      if (vq > bq || vr > br || mod(t * vq + vr - (q === x ? constant : mod(constant * modInverse(cx, p), p)), p) !== 0n) continue;
      fixed.push(q, r);
      break;
    }
  }
  return [...new Set(fixed)];
}

/** Is `value` above the integer bound `bounds` holds for `wire` (a contradiction: bounds are proven)? */
export function exceedsBound(bounds: Map<number, bigint>, wire: number, value: bigint): boolean {
  const bound = bounds.get(wire);
  return bound !== undefined && value > bound;
}
