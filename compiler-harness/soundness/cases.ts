import { mod, modInverse } from './field.js';
import { exceedsBound } from './bounds.js';
import { close, markKnown, neighbourhood } from './circom-attack.js';
import { linearForm, type PropagationState } from './propagate.js';
import { violatedConstraints, type Combination, type ConstraintSystem } from './r1cs.js';

/**
 * Case splits the inputs settle (failed-literal probing, as in Picus/Ecne). Some constraints allow
 * a finite set of cases, and each case is an assignment of unknown wires:
 * - a zero product (u + a)·(v + b) = 0, u and v single unknown wires: u = −a, or v = −b (u and v
 *   may be the same wire: its two roots);
 * - a one-hot group: Boolean wires (each restricted to {0, 1} by a quadratic) whose sum is 1: as
 *   the sum has fewer than p terms, exactly one of them is 1.
 * Every witness for these inputs takes one of the cases. A case is refuted when what it forces
 * (propagation and elimination in determine mode, which only ever write forced values) reaches a
 * constraint with no solution, or when all the cases of a further split inside it are refuted.
 * When all cases but one are refuted, the remaining one's assignment is forced: those wires are
 * determined. Sound because a refutation is a proof that no witness takes that case.
 *
 * Max over a row (`out` ≥ every x[i] by range checks, Π (out − x[i]) = 0) comes out determined:
 * out = x[j] for a non-maximal j breaks a range check; so do the non-first indices of an argmax.
 */

interface Case {
  moves: Map<number, bigint>;
}

interface Context {
  system: ConstraintSystem;
  domains: Map<number, [bigint, bigint]>;
  deadline: number;
  /** Closures left to spend (each is a propagation and a local elimination). */
  probes: number;
  /** Integer upper bounds of range-checked wires (structures.ts `decompositionBounds`). */
  bounds: Map<number, bigint>;
  /** Probes propagate and look at the rows they touch, without eliminating: cheaper, proves less. */
  propagationOnly: boolean;
}

const MAX_DEPTH = 8;
const SCOPE = 400;

/** Fix what the case splits force; returns the wires newly known (the caller re-closes from them). */
export function splitCases(options: {
  system: ConstraintSystem;
  state: PropagationState;
  domains: Map<number, [bigint, bigint]>;
  deadline: number;
  probes?: number;
  bounds?: Map<number, bigint>;
  propagationOnly?: boolean;
}): number[] {
  const { system, state } = options;
  const context: Context = {
    system,
    domains: options.domains,
    deadline: options.deadline,
    probes: options.probes ?? 2000,
    bounds: options.bounds ?? new Map(),
    propagationOnly: options.propagationOnly ?? false,
  };
  const fixed: number[] = [];
  for (const split of splits(system, state, options.domains, undefined)) {
    if (context.probes <= 0 || Date.now() > context.deadline) break;
    if (split.some((c) => [...c.moves.keys()].some((w) => state.known[w]))) continue; // settled meanwhile
    const open = split.map((c) => probe(context, state, c, MAX_DEPTH)).filter((forced) => forced !== undefined);
    if (open.length === 0) continue;
    for (const [wire, value] of agreed(open)) {
      if (state.known[wire]) continue;
      state.witness[wire] = value;
      markKnown(system, state, wire);
      fixed.push(wire);
    }
  }
  return fixed;
}

/**
 * What the case forces (its moves, what propagation and elimination fix from them, and what every
 * surviving case of a further split inside it agrees on), or `undefined` when it is refuted. When
 * the probes run out, what was found so far: still implied by the case, only less of it.
 */
function probe(context: Context, base: PropagationState, split: Case, depth: number): Map<number, bigint> | undefined {
  const { system } = context;
  const forced = new Map(split.moves);
  if (context.probes-- <= 0 || Date.now() > context.deadline) return forced;
  const state: PropagationState = { witness: base.witness.slice(), known: base.known.slice(), unknownCounts: base.unknownCounts.slice() };
  const seeds: number[] = [];
  const moved: number[] = [];
  for (const [wire, value] of split.moves) {
    if (state.known[wire]) {
      if (state.witness[wire] !== value) return undefined;
      continue;
    }
    state.witness[wire] = value;
    moved.push(wire);
    seeds.push(...markKnown(system, state, wire));
  }
  // A case that puts a range-checked wire above its bound is refuted as soon as propagation does
  // (the wrong cases of a maximum: a negative difference where a range check is).
  if (moved.some((w) => exceedsBound(context.bounds, w, state.witness[w]))) return undefined;
  const scope = context.propagationOnly ? [] : neighbourhood(system, base, moved, SCOPE);
  const closed = close({ system, state, seeds, mode: 'determine', strict: true, domains: new Map(context.domains), scope, deadline: context.deadline, bounds: context.bounds, moved });
  if (closed.contradiction) return undefined;
  const fixedHere: number[] = [];
  for (let w = 0; w < state.known.length; w++) if (state.known[w] && !base.known[w]) fixedHere.push(w);
  // Constraints the case made fully known must hold (propagation only checks the one it solved).
  const changed = new Set<number>();
  for (const w of fixedHere) for (const index of system.uses[w]) if (state.unknownCounts[index] === 0) changed.add(index);
  if (violatedConstraints(system, state.witness, changed).length > 0) return undefined;
  for (const w of fixedHere) forced.set(w, state.witness[w]);
  if (depth === 0) return forced;
  // A further split next to what the case fixed: refuted when every one of its cases is; otherwise
  // every witness of this case takes one of its surviving cases, so what they all force holds here.
  const near = new Set<number>();
  for (const w of fixedHere) for (const index of system.uses[w]) near.add(index);
  for (const inner of splits(system, state, context.domains, near)) {
    const open = inner.map((c) => probe(context, state, c, depth - 1)).filter((found) => found !== undefined);
    if (open.length === 0) return undefined;
    for (const [wire, value] of agreed(open)) if (!forced.has(wire)) forced.set(wire, value);
    if (context.probes <= 0) break;
  }
  return forced;
}

/** The wire values every case's forced assignment shares. */
function agreed(cases: Map<number, bigint>[]): Map<number, bigint> {
  const [first, ...rest] = cases;
  const shared = new Map<number, bigint>();
  for (const [wire, value] of first) if (rest.every((other) => other.get(wire) === value)) shared.set(wire, value);
  return shared;
}

/** The case splits among open constraints (all, or those in `among`). */
function splits(system: ConstraintSystem, state: PropagationState, domains: Map<number, [bigint, bigint]>, among: Set<number> | undefined): Case[][] {
  const p = system.prime;
  const found: Case[][] = [];
  const groups = new Set<string>();
  for (const index of among ?? system.constraints.keys()) {
    if (state.unknownCounts[index] < 2) continue;
    const constraint = system.constraints[index];
    const product = zeroProduct(constraint.a, constraint.b, constraint.c, state, p);
    if (product) {
      found.push(product);
      continue;
    }
    const form = linearForm(constraint, state.known, state.witness, p);
    if (!form || form.terms.size < 2) continue;
    const wires = [...form.terms.keys()];
    const isBoolean = (w: number) => {
      const roots = domains.get(w);
      return roots !== undefined && ((roots[0] === 0n && roots[1] === 1n) || (roots[0] === 1n && roots[1] === 0n));
    };
    const [first] = form.terms.values();
    // Σ c·β + constant = 0 with every coefficient c and constant −c: Σ β = 1.
    if (!wires.every(isBoolean) || ![...form.terms.values()].every((c) => c === first) || mod(form.constant + first, p) !== 0n) continue;
    const key = wires.sort((x, y) => x - y).join(',');
    if (groups.has(key)) continue;
    groups.add(key);
    found.push(wires.map((one) => ({ moves: new Map(wires.map((w) => [w, w === one ? 1n : 0n])) })));
  }
  return found;
}

/** (u·a + a0)·(v·b + b0) = 0 with the right side known zero and one unknown wire in each factor. */
function zeroProduct(a: Combination, b: Combination, c: Combination, state: PropagationState, p: bigint): Case[] | undefined {
  const left = single(a, state, p);
  const right = single(b, state, p);
  if (!left || !right) return undefined;
  for (let i = 0; i < c.wires.length; i++) if (!state.known[c.wires[i]]) return undefined;
  let value = 0n;
  for (let i = 0; i < c.wires.length; i++) value += c.coefficients[i] * state.witness[c.wires[i]];
  if (mod(value, p) !== 0n) return undefined;
  const root = (f: { wire: number; coefficient: bigint; rest: bigint }) => ({ moves: new Map([[f.wire, mod(-f.rest * modInverse(f.coefficient, p), p)]]) });
  return [root(left), root(right)];
}

/** A combination with exactly one unknown wire: its coefficient and the value of the rest. */
function single(combination: Combination, state: PropagationState, p: bigint): { wire: number; coefficient: bigint; rest: bigint } | undefined {
  let wire = -1;
  let coefficient = 0n;
  let rest = 0n;
  for (let i = 0; i < combination.wires.length; i++) {
    const w = combination.wires[i];
    if (state.known[w]) rest += combination.coefficients[i] * state.witness[w];
    else if (wire === -1 || wire === w) {
      wire = w;
      coefficient += combination.coefficients[i];
    } else return undefined;
  }
  coefficient = mod(coefficient, p);
  return wire === -1 || coefficient === 0n ? undefined : { wire, coefficient, rest: mod(rest, p) };
}
