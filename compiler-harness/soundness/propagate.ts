import { mod, polynomialRoots } from './field.js';
import type { Combination, Constraint, ConstraintSystem } from './r1cs.js';

/**
 * Local reasoning over one constraint at a time. Once every wire of a constraint but one is known,
 * A·B = C is a polynomial of degree ≤ 2 in the last wire: linear fixes it, a quadratic allows at
 * most two values (the "other root" is the first alternative worth trying), and a zero polynomial
 * says nothing.
 *
 * Two modes share the walk:
 * - `determine`: mark a wire known only when its value is forced (unique root), and write that
 *   value (a no-op on an honest witness). The result is the set of signals the inputs fix; choices
 *   between roots are left to the caller (perturbation, z3).
 * - `solve`: assign a root to the last wire (preferring the value already in the witness) and carry
 *   on. Used to re-solve dependents after perturbing a signal, and to complete a witness.
 */

export type Mode = 'determine' | 'solve';

export interface PropagationState {
  witness: bigint[];
  /** 1 when the wire's value is fixed (determine) or assigned (solve). */
  known: Uint8Array;
  /** Per constraint: how many distinct unknown wires it still has. */
  unknownCounts: Int32Array;
}

export interface PropagationResult {
  /** Wires that became known, in order. */
  assigned: number[];
  /** Determine mode: wires a quadratic restricts to exactly two values → both roots. */
  domains: Map<number, [bigint, bigint]>;
  /** Solve mode: a constraint whose last unknown has no root at all. */
  contradiction?: number;
}

/** Distinct wires of a constraint. */
export function constraintWires(constraint: Constraint): number[] {
  const wires = new Set<number>();
  for (const part of [constraint.a, constraint.b, constraint.c]) for (const wire of part.wires) wires.add(wire);
  return [...wires];
}

export function countUnknowns(system: ConstraintSystem, known: Uint8Array): Int32Array {
  const counts = new Int32Array(system.constraints.length);
  system.constraints.forEach((constraint, index) => {
    let n = 0;
    for (const wire of constraintWires(constraint)) if (!known[wire]) n++;
    counts[index] = n;
  });
  return counts;
}

/** Run the worklist from `seeds` (constraint indices) until nothing more follows. */
/**
 * `strict` (determine mode): a constraint whose last unknown has no root is a contradiction too, as
 * in solve mode. Used when the known values include an assumption (a case split, cases.ts).
 */
export function propagate(system: ConstraintSystem, state: PropagationState, seeds: Iterable<number>, mode: Mode, strict = false): PropagationResult {
  const { witness, known, unknownCounts } = state;
  const p = system.prime;
  const result: PropagationResult = { assigned: [], domains: new Map() };
  const queue: number[] = [...seeds];
  const markKnown = (wire: number) => {
    known[wire] = 1;
    result.assigned.push(wire);
    for (const index of system.uses[wire]) {
      unknownCounts[index]--;
      if (unknownCounts[index] === 1) queue.push(index);
    }
  };
  while (queue.length > 0) {
    const index = queue.pop()!;
    if (unknownCounts[index] !== 1) continue;
    const constraint = system.constraints[index];
    const wire = constraintWires(constraint).find((w) => !known[w]);
    if (wire === undefined) continue;
    const roots = rootsFor(constraint, wire, witness, p);
    if (roots === undefined) continue; // 0 = 0 in this wire: no information
    if (roots.length === 0) {
      if (mode === 'solve' || strict) {
        result.contradiction = index;
        return result;
      }
      continue;
    }
    if (mode === 'determine') {
      // A forced value is the honest one on an honest witness; on a partial witness it fills it in.
      if (roots.length === 1) {
        witness[wire] = roots[0];
        markKnown(wire);
      } else result.domains.set(wire, [roots[0], roots[1]]);
      continue;
    }
    witness[wire] = roots.includes(witness[wire]) ? witness[wire] : roots[0];
    markKnown(wire);
  }
  return result;
}

/** Values of `wire` satisfying the constraint when every other wire takes its witness value. */
export function rootsFor(constraint: Constraint, wire: number, witness: bigint[], p: bigint): bigint[] | undefined {
  const [a0, a1] = split(constraint.a, wire, witness, p);
  const [b0, b1] = split(constraint.b, wire, witness, p);
  const [c0, c1] = split(constraint.c, wire, witness, p);
  return polynomialRoots(mod(a1 * b1, p), mod(a1 * b0 + a0 * b1 - c1, p), mod(a0 * b0 - c0, p), p);
}

/** [value of the other terms, coefficient of `wire`] */
function split(combination: Combination, wire: number, witness: bigint[], p: bigint): [bigint, bigint] {
  let rest = 0n;
  let coefficient = 0n;
  for (let i = 0; i < combination.wires.length; i++) {
    if (combination.wires[i] === wire) coefficient += combination.coefficients[i];
    else rest += combination.coefficients[i] * witness[combination.wires[i]];
  }
  return [rest % p, coefficient % p];
}

/**
 * A constraint as a linear equation over its unknown wires (Σ coefficient·wire + constant = 0),
 * when it is linear in them: one side of the product is fully known. `undefined` otherwise.
 */
export function linearForm(
  constraint: Constraint,
  known: Uint8Array,
  witness: bigint[],
  p: bigint,
): { terms: Map<number, bigint>; constant: bigint } | undefined {
  const a = partial(constraint.a, known, witness, p);
  const b = partial(constraint.b, known, witness, p);
  const c = partial(constraint.c, known, witness, p);
  let scale: bigint;
  let varying: Map<number, bigint>;
  let fixed: bigint;
  if (a.terms.size === 0) [scale, varying, fixed] = [a.constant, b.terms, b.constant];
  else if (b.terms.size === 0) [scale, varying, fixed] = [b.constant, a.terms, a.constant];
  else return undefined;
  const terms = new Map<number, bigint>();
  for (const [wire, coefficient] of varying) terms.set(wire, mod(scale * coefficient, p));
  for (const [wire, coefficient] of c.terms) terms.set(wire, mod((terms.get(wire) ?? 0n) - coefficient, p));
  for (const [wire, coefficient] of terms) if (coefficient === 0n) terms.delete(wire);
  return { terms, constant: mod(scale * fixed - c.constant, p) };
}

function partial(combination: Combination, known: Uint8Array, witness: bigint[], p: bigint) {
  const terms = new Map<number, bigint>();
  let constant = 0n;
  for (let i = 0; i < combination.wires.length; i++) {
    const wire = combination.wires[i];
    const coefficient = combination.coefficients[i];
    if (known[wire]) constant += coefficient * witness[wire];
    else terms.set(wire, ((terms.get(wire) ?? 0n) + coefficient) % p);
  }
  for (const [wire, coefficient] of terms) if (coefficient === 0n) terms.delete(wire);
  return { terms, constant: constant % p };
}
