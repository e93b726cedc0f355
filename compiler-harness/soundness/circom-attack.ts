import { mod, seededElements } from './field.js';
import { boundedDivisions, exceedsBound } from './bounds.js';
import { boundsOf } from './structures.js';
import { splitCases } from './cases.js';
import { eliminate, refutedRow } from './eliminate.js';
import { constraintWires, countUnknowns, linearForm, propagate, type Mode, type PropagationState } from './propagate.js';
import { isInputWire, isOutputWire, violatedConstraints, type ConstraintSystem } from './r1cs.js';
import { solveResidual } from './smt.js';

/**
 * The attacker on an R1CS. Everything here works for one concrete input: first find which signals
 * the inputs force, then try to move the others. A returned alternative witness has been checked
 * against every constraint it could affect (and the caller re-checks all of them).
 */

export interface Determination {
  /** 1 for wires whose value the inputs force (the constant wire and inputs included). */
  known: Uint8Array;
  unknownCounts: Int32Array;
  /** Undetermined wire → its two possible values, where a quadratic left exactly two. */
  domains: Map<number, [bigint, bigint]>;
  /** Constraints still holding an undetermined wire. */
  residual: number[];
  truncated: boolean;
}

/**
 * A rule of the caller's (a Noir memory read: acir-system.ts): writes the values it finds forced
 * into `state.witness` and returns their wires, without marking them known (the loop does).
 */
export type Rule = (state: PropagationState) => number[];

/** Propagation and elimination from the inputs, alternated until neither fixes another wire. */
export function determine(
  system: ConstraintSystem,
  witness: bigint[],
  deadline: number,
  rules: Rule[] = [],
  /** Case probes without elimination (cases.ts): a quicker look that may prove less. */
  quick = false,
): Determination & { contradiction: boolean } {
  const known = new Uint8Array(system.nWires);
  known[0] = 1;
  for (let w = 1; w < system.nWires; w++) if (isInputWire(system, w)) known[w] = 1;
  const state: PropagationState = { witness, known, unknownCounts: countUnknowns(system, known) };
  const domains = new Map<number, [bigint, bigint]>();
  const seeds = [...state.unknownCounts.keys()].filter((i) => state.unknownCounts[i] === 1);
  const bounds = boundsOf(system);
  const closed = close({ system, state, seeds, mode: 'determine', domains, deadline, bounds });
  // Then the rules that need more than one constraint at a time (bounds.ts, the caller's, cases.ts),
  // while they fix wires.
  while (!closed.contradiction && Date.now() < deadline && state.known.some((k) => !k)) {
    const fixed = boundedDivisions({ system, state, bounds });
    for (const rule of rules) if (fixed.length === 0) fixed.push(...rule(state));
    for (const wire of fixed) markKnown(system, state, wire);
    if (fixed.length === 0) fixed.push(...splitCases({ system, state, domains, deadline, bounds, propagationOnly: quick }));
    if (fixed.length === 0) break;
    const next = [...new Set(fixed.flatMap((wire) => system.uses[wire]))].filter((index) => state.unknownCounts[index] === 1);
    const again = close({ system, state, seeds: next, mode: 'determine', domains, deadline, bounds });
    closed.truncated ||= again.truncated;
    closed.contradiction ||= again.contradiction;
  }
  for (let w = 0; w < system.nWires; w++) if (known[w]) domains.delete(w);
  return { known, unknownCounts: state.unknownCounts, domains, residual: residualOf(state.unknownCounts), ...closed };
}

/**
 * The closure both the determination and a perturbation need: propagate, then eliminate over the
 * constraints still open (within `scope` when given), and repeat while elimination fixes wires.
 */
export function close(options: {
  system: ConstraintSystem;
  state: PropagationState;
  seeds: number[];
  mode: Mode;
  domains: Map<number, [bigint, bigint]>;
  scope?: number[];
  deadline: number;
  strict?: boolean;
  /**
   * Integer bounds of range-checked wires: a wire propagation fixes above its bound is a
   * contradiction found before the elimination (which would find it too, at more cost).
   */
  bounds?: Map<number, bigint>;
  /** Wires set before the call (a case's moves): their rows are looked at with the first propagation's. */
  moved?: number[];
}): { truncated: boolean; contradiction: boolean } {
  const { system, state, mode, domains, scope, deadline, bounds } = options;
  let seeds = options.seeds;
  let moved = options.moved ?? [];
  let truncated = false;
  for (;;) {
    const result = propagate(system, state, seeds, mode, options.strict);
    if (result.contradiction !== undefined) return { truncated, contradiction: true };
    if (bounds && result.assigned.some((w) => exceedsBound(bounds, w, state.witness[w]))) return { truncated, contradiction: true };
    for (const [wire, roots] of result.domains) domains.set(wire, roots);
    // In a case probe (strict), the rows the case touched first: most wrong cases break a range check.
    if (options.strict && refutedRow(system, state.known, state.witness, [...moved, ...result.assigned], domains)) return { truncated, contradiction: true };
    moved = [];
    const open = (scope ?? [...state.unknownCounts.keys()]).filter((i) => state.unknownCounts[i] > 0);
    const elimination = eliminate({ system, witness: state.witness, known: state.known, constraints: open, domains, deadline });
    truncated ||= elimination.truncated;
    if (elimination.inconsistent) return { truncated, contradiction: true };
    seeds = [];
    for (const [wire, value] of elimination.fixed) {
      if (state.known[wire]) continue;
      state.witness[wire] = value;
      seeds.push(...markKnown(system, state, wire));
    }
    if (seeds.length === 0) return { truncated, contradiction: false };
  }
}

function residualOf(counts: Int32Array): number[] {
  const residual: number[] = [];
  counts.forEach((count, index) => count > 0 && residual.push(index));
  return residual;
}

/** Mark `wire` known; returns the constraints left with a single unknown. */
export function markKnown(system: ConstraintSystem, state: PropagationState, wire: number): number[] {
  state.known[wire] = 1;
  const seeds: number[] = [];
  for (const index of system.uses[wire]) if (--state.unknownCounts[index] === 1) seeds.push(index);
  return seeds;
}

export interface Alternative {
  witness: bigint[];
  /** Wires whose value differs from the honest witness. */
  changed: number[];
  how: string;
}

/**
 * Set one undetermined wire to `value`, re-solve what it forces, and keep the result if every
 * constraint touching a changed wire still holds.
 */
export function perturb(system: ConstraintSystem, honest: bigint[], base: Determination, wire: number, value: bigint): Alternative | undefined {
  return perturbMany(system, honest, base, new Map([[wire, value]]), `set ${system.names[wire]} to ${value} and re-solved its dependents`);
}

/** Several wires moved at once (a whole vector), then the same local re-solve and check. */
export function perturbMany(system: ConstraintSystem, honest: bigint[], base: Determination, moves: Map<number, bigint>, how: string): Alternative | undefined {
  const witness = honest.slice();
  const state: PropagationState = { witness, known: base.known.slice(), unknownCounts: base.unknownCounts.slice() };
  const seeds: number[] = [];
  for (const [wire, value] of moves) {
    witness[wire] = value;
    seeds.push(...markKnown(system, state, wire));
  }
  const scope = [...new Set([...moves.keys()].flatMap((wire) => neighbourhood(system, base, [wire])))];
  const closed = close({ system, state, seeds, mode: 'solve', domains: new Map(base.domains), scope, deadline: Infinity });
  if (closed.contradiction) return undefined;
  const changed: number[] = [];
  for (let w = 0; w < witness.length; w++) if (witness[w] !== honest[w]) changed.push(w);
  const touched = new Set(changed.flatMap((w) => system.uses[w]));
  if (violatedConstraints(system, witness, touched).length > 0) return undefined;
  return { witness, changed, how };
}

/**
 * Class 2, whole-vector moves: in a constraint linear in several undetermined wires (a weighted
 * sum of "bits" nothing forces Boolean, a selector vector), move two of them together so the sum
 * stays: w_i + t·c_j, w_j − t·c_i. One-wire moves always break such a row.
 */
export function searchByPairMoves(options: { system: ConstraintSystem; honest: bigint[]; base: Determination; deadline: number }): { counterexample?: Alternative; tried: string } {
  const { system, honest, base, deadline } = options;
  const p = system.prime;
  let attempts = 0;
  let rows = 0;
  for (const index of base.residual.slice(0, 400)) {
    if (Date.now() > deadline) return { tried: `pair moves stopped by the time budget after ${rows} linear rows, ${attempts} moves` };
    const form = linearForm(system.constraints[index], base.known, honest, p);
    if (!form) continue;
    const wires = [...form.terms.keys()].filter((w) => !base.domains.has(w)).sort((x, y) => Number(isOutputWire(system, y)) - Number(isOutputWire(system, x))).slice(0, 8);
    if (wires.length < 2) continue;
    rows++;
    for (let i = 0; i < wires.length; i++) {
      for (let j = i + 1; j < wires.length; j++) {
        const [wi, wj] = [wires[i], wires[j]];
        const [ci, cj] = [form.terms.get(wi)!, form.terms.get(wj)!];
        for (const t of [1n, p - 1n]) {
          if (Date.now() > deadline) return { tried: `pair moves stopped by the time budget after ${rows} linear rows, ${attempts} moves` };
          attempts++;
          const moves = new Map([[wi, mod(honest[wi] + t * cj, p)], [wj, mod(honest[wj] - t * ci, p)]]);
          const how = `moved ${system.names[wi]} and ${system.names[wj]} together, keeping their weighted sum`;
          const alternative = perturbMany(system, honest, base, moves, how);
          if (alternative?.changed.some((w) => isOutputWire(system, w))) return { counterexample: alternative, tried: `pair moves: found after ${attempts} moves over ${rows} linear rows` };
        }
      }
    }
  }
  return { tried: `pair moves: ${attempts} moves over ${rows} linear rows, none changed an output` };
}

/**
 * Open constraints reachable from `wires` through undetermined wires, capped: what a perturbation
 * (or a case split) can ripple into, so re-solving stays local on large circuits.
 */
export function neighbourhood(system: ConstraintSystem, base: { known: Uint8Array; unknownCounts: Int32Array }, wires: number[], cap = 300): number[] {
  const seen = new Set<number>();
  const visited = new Set<number>(wires);
  const frontier = [...wires];
  while (frontier.length > 0 && seen.size < cap) {
    const w = frontier.pop()!;
    for (const index of system.uses[w]) {
      if (seen.has(index) || base.unknownCounts[index] === 0) continue;
      seen.add(index);
      for (const next of constraintWires(system.constraints[index])) {
        if (base.known[next] || visited.has(next)) continue;
        visited.add(next);
        frontier.push(next);
      }
    }
  }
  return [...seen];
}

/** Edge values first: the other root, neighbours, 0, 1, −1, −v, 2, 1/2, then seeded random elements. */
export function candidateValues(system: ConstraintSystem, honest: bigint[], base: Determination, wire: number, seed: number): bigint[] {
  const p = system.prime;
  const v = honest[wire];
  const domain = base.domains.get(wire);
  // A two-valued wire (a bit) has exactly one alternative: any other value breaks its quadratic.
  if (domain) return domain.filter((root) => root !== v);
  // (p + 1)/2 is 1/2: where a relaxation breaks a product, small field values are the usual second roots.
  const values = [mod(v + 1n, p), mod(v - 1n, p), 0n, 1n, p - 1n, mod(-v, p), 2n, (p + 1n) / 2n, ...seededElements(seed + wire, 2, p)];
  return [...new Set(values.filter((x) => x !== v))];
}

export interface SearchOutcome {
  /** An alternative that changes an output. */
  counterexample?: Alternative;
  /** Alternatives that change only intermediate signals (at most one per wire, a few in all). */
  ambiguous: Alternative[];
  tried: string[];
}

export function searchByPerturbation(options: { system: ConstraintSystem; honest: bigint[]; base: Determination; deadline: number; seed: number }): SearchOutcome {
  const { system, honest, base, deadline, seed } = options;
  const undetermined: number[] = [];
  for (let w = 1; w < system.nWires; w++) if (!base.known[w]) undetermined.push(w);
  // Outputs first: moving one directly is the shortest path to a counterexample.
  undetermined.sort((x, y) => Number(isOutputWire(system, y)) - Number(isOutputWire(system, x)));
  const outcome: SearchOutcome = { ambiguous: [], tried: [] };
  let attempts = 0;
  let signals = 0;
  for (const wire of undetermined) {
    if (Date.now() > deadline) {
      outcome.tried.push(`perturbation stopped by the time budget after ${signals}/${undetermined.length} undetermined signals`);
      break;
    }
    signals++;
    for (const value of candidateValues(system, honest, base, wire, seed)) {
      attempts++;
      const alternative = perturb(system, honest, base, wire, value);
      if (!alternative) continue;
      if (alternative.changed.some((w) => isOutputWire(system, w))) {
        outcome.counterexample = alternative;
        outcome.tried.push(`perturbation: ${attempts} alternative values over ${signals} undetermined signals`);
        return outcome;
      }
      if (outcome.ambiguous.length < 5) outcome.ambiguous.push(alternative);
      break;
    }
  }
  if (!outcome.tried.length) outcome.tried.push(`perturbation: ${attempts} alternative values over ${signals} undetermined signals, none changed an output`);
  return outcome;
}

const SMT_MAX_CONSTRAINTS = 5000;

/** Ask z3 for an assignment of the undetermined wires that changes an output; re-check each model. */
export async function searchBySmt(options: { system: ConstraintSystem; honest: bigint[]; base: Determination; deadline: number; rounds?: number }): Promise<{ counterexample?: Alternative; proved: boolean; tried: string }> {
  const { system, honest, base, deadline } = options;
  const outputs = [...Array(system.nOutputs).keys()].map((i) => i + 1).filter((w) => !base.known[w]);
  if (outputs.length === 0) return { proved: true, tried: 'every output is forced by the inputs (propagation + elimination)' };
  // z3 is for the small undetermined remainder; a huge one means the encoding, not the search, dominates.
  if (base.residual.length > SMT_MAX_CONSTRAINTS) return { proved: false, tried: `z3 skipped: ${base.residual.length} undetermined constraints (limit ${SMT_MAX_CONSTRAINTS})` };
  const exclude: Map<number, bigint>[] = [];
  for (let round = 0; round < (options.rounds ?? 3); round++) {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 50) return { proved: false, tried: `z3: no time left in the budget${round ? ` after ${round} model(s) that broke a relaxed non-linear constraint` : ''}` };
    const answer = await solveResidual({ system, witness: honest, known: base.known, constraints: base.residual, differ: outputs, exclude, timeoutMs });
    if (answer.status === 'unknown') return { proved: false, tried: `z3 gave up (${answer.reason}) on ${base.residual.length} undetermined constraints` };
    if (answer.status === 'unsat') {
      return { proved: true, tried: `z3: no assignment of the ${base.residual.length} undetermined constraints changes an output (${answer.relaxed} non-linear constraints relaxed)` };
    }
    const witness = complete(system, honest, base.known, answer.values);
    if (violatedConstraints(system, witness, base.residual).length === 0) {
      const changed = [...answer.values.keys(), ...witness.keys()].filter((w, i, all) => all.indexOf(w) === i && witness[w] !== honest[w]);
      return { counterexample: { witness, changed, how: 'z3 model of the undetermined sub-system' }, proved: false, tried: `z3 found an output-changing model in round ${round + 1}` };
    }
    exclude.push(answer.values);
  }
  return { proved: false, tried: `z3: ${exclude.length} model(s) changed an output but broke a non-linear constraint it had relaxed` };
}

/** Put model values in, then let propagation fix what the dropped non-linear constraints force. */
function complete(system: ConstraintSystem, honest: bigint[], known: Uint8Array, values: Map<number, bigint>): bigint[] {
  const witness = honest.slice();
  const state: PropagationState = { witness, known: known.slice(), unknownCounts: new Int32Array(0) };
  for (const [wire, value] of values) {
    witness[wire] = value;
    state.known[wire] = 1;
  }
  state.unknownCounts = countUnknowns(system, state.known);
  propagate(system, state, [...state.unknownCounts.keys()].filter((i) => state.unknownCounts[i] === 1), 'solve');
  return witness;
}

/**
 * Build a satisfying witness for inputs without trusting the witness generator past a failed
 * assert: propagate, eliminate, let z3 settle the rest, propagate again. `undefined` when no
 * witness was found (which proves nothing on its own).
 */
export async function solveWitness(system: ConstraintSystem, start: bigint[], deadline: number): Promise<bigint[] | undefined> {
  const witness = start.slice();
  const solved = determine(system, witness, deadline);
  if (solved.contradiction) return undefined;
  let result = witness;
  if (solved.residual.length > 0) {
    const timeoutMs = deadline - Date.now();
    if (timeoutMs <= 50) return undefined;
    const answer = await solveResidual({ system, witness, known: solved.known, constraints: solved.residual, timeoutMs });
    if (answer.status !== 'sat') return undefined;
    result = complete(system, witness, solved.known, answer.values);
  }
  return violatedConstraints(system, result).length === 0 ? result : undefined;
}
