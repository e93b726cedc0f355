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
  /** The witness attacks at one accepted input point (perturbation, pair moves, and z3 when `smt`). */
  attack: (inputs: Record<string, unknown>, witness: bigint[], deadline: number, smt: boolean) => Promise<Counterexample | undefined>;
}

interface Point {
  inputs: Record<string, unknown>;
  label: string;
  /** The leaves already solved for or moved: later steps move others. */
  pinned: string[];
  /** Another input moved to 0, 1 or −1 at a solved point. */
  moved?: boolean;
  visited?: boolean;
}

const MAX_LEAVES = 12;
/** z3 at one special point: a sound circuit should not spend its whole budget here. */
const Z3_SLICE_MS = 300;
/** Per kind: solved points, and solved points with another input moved. */
const MAX_POINTS = 32;

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
  const seen = new Map<string, Point>([[key(inputs), { inputs, label: 'the honest inputs', pinned: [], visited: true }]]);
  const add = (point: Point) => {
    const k = key(point.inputs);
    const known = seen.get(k);
    // Reached by solving after it was queued as a move: it is a solved point now.
    if (known) {
      if (known.moved && !point.moved && !known.visited) Object.assign(known, { label: point.label, pinned: point.pinned, moved: false });
      return;
    }
    if (points.filter((other) => !other.moved === !point.moved).length >= MAX_POINTS) return;
    seen.set(k, point);
    points.push(point);
  };
  const sides = system.constraints.flatMap((constraint) => [constraint.a, constraint.b]).filter((side) => side.wires.some((w) => w !== 0));
  for (const leaf of leaves) {
    if (Date.now() > deadline) break;
    const samples = await along(inputs, leaf);
    if (!samples) continue;
    const done = new Set<string>();
    for (const [index, side] of sides.entries()) {
      if (index % 64 === 0 && Date.now() > deadline) break;
      const values = samples.witnesses.map((w) => evaluate(side, w, p));
      const signature = values.join(',');
      if (done.has(signature)) continue;
      done.add(signature);
      for (const root of zerosOfSamples(samples.ts, values, p)) {
        add({ inputs: withLeaf(inputs, leaf.path, root.toString()), label: `${leaf.label} = ${short(root, p)}`, pinned: [leaf.label] });
      }
    }
  }

  // Step 2: at each such point, accept it or solve the first failing constraint in another input.
  // Solved points first; a solved point with another input moved (`moved`) only after them.
  let attacked = 0;
  const accepted: { point: Point; witness: bigint[] }[] = [];
  // Among moves, those around the most-solved points first (y = 0 and x a root before y = 0 alone).
  const queue = () =>
    points.find((point) => !point.visited && !point.moved) ??
    points.filter((point) => !point.visited).reduce<Point | undefined>((best, point) => (!best || point.pinned.length > best.pinned.length ? point : best), undefined);
  for (let point = queue(); point && Date.now() < deadline; point = queue()) {
    point.visited = true;
    const outcome = await run(point.inputs);
    if (!outcome) continue;
    const violated = violatedConstraints(system, outcome.witness);
    if (violated.length === 0) {
      if (outcome.failedAsserts.length > 0) continue;
      attacked++;
      accepted.push({ point, witness: outcome.witness });
      const found = await options.attack(point.inputs, outcome.witness, Math.min(deadline, Date.now() + 150), false);
      if (found) return { counterexample: found, label: point.label, tried: summary(runs, points.length, attacked, `found at ${point.label}`) };
      // The other inputs may hide the slack (a selector picking the branch that does not use the
      // free value): the same point with one unpinned input at 0, 1 or −1 goes on the list.
      for (const leaf of leaves) {
        if (point.pinned.includes(leaf.label)) continue;
        for (const value of ['0', '1', (p - 1n).toString()]) {
          add({ inputs: withLeaf(point.inputs, leaf.path, value), label: `${point.label}, ${leaf.label} = ${short(BigInt(value), p)}`, pinned: [...point.pinned, leaf.label], moved: true });
        }
      }
      continue;
    }
    if (point.pinned.length > 1 || point.moved) continue;
    const residual = residualOf(system, violated[0]);
    for (const leaf of leaves) {
      if (point.pinned.includes(leaf.label) || Date.now() > deadline) continue;
      const samples = await along(point.inputs, leaf);
      if (!samples) continue;
      const values = samples.witnesses.map((w) => residual(w));
      for (const root of zerosOfSamples(samples.ts, values, p)) {
        add({ inputs: withLeaf(point.inputs, leaf.path, root.toString()), label: `${point.label}, ${leaf.label} = ${short(root, p)}`, pinned: [...point.pinned, leaf.label] });
      }
    }
  }
  // z3 only once the cheap moves have run at every point: solved points first.
  accepted.sort((x, y) => Number(!!x.point.moved) - Number(!!y.point.moved));
  for (const [index, { point, witness }] of accepted.entries()) {
    const left = deadline - Date.now();
    if (left <= 0) break;
    const found = await options.attack(point.inputs, witness, Date.now() + Math.min(Z3_SLICE_MS, Math.max(100, left / (accepted.length - index))), true);
    if (found) return { counterexample: found, label: point.label, tried: summary(runs, points.length, attacked, `found by z3 at ${point.label}`) };
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
