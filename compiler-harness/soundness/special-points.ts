import { SAMPLE_COUNT, zerosOfSamples } from './curve-fit.js';
import { mod } from './field.js';
import { inputLeaves, withLeaf, type Leaf } from './input-attacks.js';
import type { CircomWitnessGenerator } from './circom-witness.js';
import { evaluate, violatedConstraints, type Combination, type ConstraintSystem } from './r1cs.js';
import type { Counterexample } from './types.js';

/**
 * Class 4 of issue 15, special points: flaws that exist only where a divisor vanishes or an
 * equation holds (doubling at y = 0, x1 = x2 in an addition formula). A `<--` division q <-- n / d
 * checked by `q · d === n` leaves q free exactly where d = 0 and n = 0; the honest inputs never go
 * there and the input variants (0, 1, −1) rarely do.
 *
 * Read off the R1CS, not the source: every constraint A·B = C whose side A (or B) can vanish is a
 * divisor or a guard. Each side is sampled as a function of one input at a time (t0, t0 + 1, …,
 * through circom's own generator), its zeros solved (`curve-fit.ts`: degree ≤ 2 or a ratio), and
 * the input set there. If the constraints then fail (n ≠ 0 at d = 0), the first failing
 * constraint's residual is solved the same way in another input (3x² + 2Ax + 1 = 0 for the
 * doubling). Every point where circom's witness satisfies every constraint is handed to the
 * witness attacks (`attack`), which find the value the vanished divisor no longer pins.
 */

export interface SpecialPointSearch {
  system: ConstraintSystem;
  generator: CircomWitnessGenerator;
  inputs: Record<string, unknown>;
  deadline: number;
  /** The witness attacks at one accepted input point (perturbation, pair moves, z3). */
  attack: (inputs: Record<string, unknown>, witness: bigint[], deadline: number) => Promise<Counterexample | undefined>;
}

interface Point {
  inputs: Record<string, unknown>;
  label: string;
  /** The leaf the first step solved for: the second step moves another one. */
  pinned: string;
}

const MAX_LEAVES = 12;
const MAX_POINTS = 24;

export async function searchSpecialPoints(options: SpecialPointSearch): Promise<{ counterexample?: Counterexample; label?: string; tried: string }> {
  const { system, generator, inputs, deadline } = options;
  const p = system.prime;
  const leaves = inputLeaves(inputs).slice(0, MAX_LEAVES);
  let runs = 0;
  const run = async (at: Record<string, unknown>) => {
    runs++;
    const outcome = await generator.calculate(at);
    return outcome.ok ? outcome : undefined;
  };
  // Samples of the witness along one leaf; undefined when the generator refuses one of them.
  const along = async (at: Record<string, unknown>, leaf: Leaf) => {
    const start = mod(BigInt(leafValue(at, leaf.path) as string | number | bigint), p);
    const ts = [...Array(SAMPLE_COUNT).keys()].map((k) => mod(start + BigInt(k), p));
    const witnesses: bigint[][] = [];
    for (const t of ts) {
      const outcome = await run(withLeaf(at, leaf.path, t.toString()));
      if (!outcome) return undefined;
      witnesses.push(outcome.witness);
    }
    return { ts, witnesses };
  };

  // Step 1: where does a side of some constraint vanish?
  const points: Point[] = [];
  const seen = new Set<string>([key(inputs)]);
  const add = (point: Point) => {
    const k = key(point.inputs);
    if (seen.has(k) || points.length >= MAX_POINTS) return;
    seen.add(k);
    points.push(point);
  };
  const sides = system.constraints.flatMap((constraint) => [constraint.a, constraint.b]).filter((side) => side.wires.some((w) => w !== 0));
  for (const leaf of leaves) {
    if (Date.now() > deadline) break;
    const samples = await along(inputs, leaf);
    if (!samples) continue;
    const done = new Set<string>();
    for (const side of sides) {
      const values = samples.witnesses.map((w) => evaluate(side, w, p));
      const signature = values.join(',');
      if (done.has(signature)) continue;
      done.add(signature);
      for (const root of zerosOfSamples(samples.ts, values, p)) {
        add({ inputs: withLeaf(inputs, leaf.path, root.toString()), label: `${leaf.label} = ${short(root, p)}`, pinned: leaf.label });
      }
    }
  }

  // Step 2: at each such point, accept it or solve the first failing constraint in another input.
  let attacked = 0;
  for (let index = 0; index < points.length && Date.now() < deadline; index++) {
    const point = points[index];
    const outcome = await run(point.inputs);
    if (!outcome) continue;
    const violated = violatedConstraints(system, outcome.witness);
    if (violated.length === 0) {
      if (outcome.failedAsserts.length > 0) continue;
      attacked++;
      const found = await options.attack(point.inputs, outcome.witness, Math.min(deadline, Date.now() + Math.max(200, (deadline - Date.now()) / 3)));
      if (found) return { counterexample: found, label: point.label, tried: summary(runs, points.length, attacked, `found at ${point.label}`) };
      continue;
    }
    if (point.label.includes(',')) continue;
    const residual = residualOf(system, violated[0]);
    for (const leaf of leaves) {
      if (leaf.label === point.pinned || Date.now() > deadline) continue;
      const samples = await along(point.inputs, leaf);
      if (!samples) continue;
      const values = samples.witnesses.map((w) => residual(w));
      for (const root of zerosOfSamples(samples.ts, values, p)) {
        add({ inputs: withLeaf(point.inputs, leaf.path, root.toString()), label: `${point.label}, ${leaf.label} = ${short(root, p)}`, pinned: point.pinned });
      }
    }
  }
  return { tried: summary(runs, points.length, attacked, 'nothing found') };
}

function summary(runs: number, points: number, attacked: number, result: string): string {
  return `special points: ${points} input point(s) where a constraint side vanishes (${runs} generator run(s)), ${attacked} accepted and attacked, ${result}`;
}

function residualOf(system: ConstraintSystem, index: number): (witness: bigint[]) => bigint {
  const { a, b, c } = system.constraints[index];
  const p = system.prime;
  const value = (combination: Combination, witness: bigint[]) => evaluate(combination, witness, p);
  return (witness) => mod(value(a, witness) * value(b, witness) - value(c, witness), p);
}

function leafValue(inputs: Record<string, unknown>, path: (string | number)[]): unknown {
  let node: unknown = inputs;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  return node;
}

/** Small values and "negative" ones read as such in labels; others abbreviated. */
function short(value: bigint, p: bigint): string {
  if (value < 1_000_000n) return value.toString();
  if (p - value < 1_000_000n) return `-${p - value}`;
  const text = value.toString();
  return `${text.slice(0, 6)}…${text.slice(-4)}`;
}

function key(inputs: Record<string, unknown>): string {
  return JSON.stringify(inputs, (_k, v) => (typeof v === 'bigint' || typeof v === 'number' ? String(v) : v));
}
