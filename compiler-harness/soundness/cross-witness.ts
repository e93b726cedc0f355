import { mod } from './field.js';
import { eliminate } from './eliminate.js';
import { inputLeaves, withLeaf, type Leaf } from './input-attacks.js';
import { constraintWires, countUnknowns, propagate, type PropagationState } from './propagate.js';
import type { Alternative } from './circom-attack.js';
import type { CircomWitnessGenerator } from './circom-witness.js';
import { isInputWire, isOutputWire, violatedConstraints, type ConstraintSystem } from './r1cs.js';

/**
 * Class 3 of the attacks: cross-witness comparison. An input that no constraint reads (or too few)
 * lets the hints computed from it move together: circom's generator run on a neighbouring input
 * (x + 1, x − 1, 0, 1, 2x, −1) gives a consistent set of hinted values, and with the original input
 * written back that witness may still satisfy every constraint, with other outputs. One wire at a
 * time (perturbation) or two (pair moves, the non-linear search) never finds such a move when the
 * hinted values are coupled by products: only the generator moves all of them at once.
 *
 * Both directions are tried: the neighbour's witness with the original inputs (a second witness for
 * the honest inputs), and the honest witness with the neighbour's input (a second witness for the
 * neighbour). When writing the input back breaks a few constraints, the other wires in those are
 * re-solved from the rest (propagation, then elimination): an input in "too few" constraints.
 */

/** Inputs read by at most this many constraints are the ones worth moving. */
const FEW_CONSTRAINTS = 3;
/** A write-back that breaks more constraints than this is not repaired. */
const REPAIRABLE = 6;

export interface CrossWitnessFinding {
  /** The inputs both witnesses share. */
  inputs: Record<string, unknown>;
  /** Circom's honest witness for those inputs. */
  honest: bigint[];
  alternative: Alternative;
}

export async function searchCrossWitness(options: {
  system: ConstraintSystem;
  generator: CircomWitnessGenerator;
  inputs: Record<string, unknown>;
  honest: bigint[];
  deadline: number;
}): Promise<{ found?: CrossWitnessFinding; tried: string }> {
  const { system, generator, inputs, honest, deadline } = options;
  const p = system.prime;
  const leaves = inputLeaves(inputs)
    .map((leaf) => ({ leaf, uses: usesOf(system, leaf) }))
    .filter(({ uses }) => uses <= FEW_CONSTRAINTS)
    .sort((x, y) => x.uses - y.uses)
    .slice(0, 16);
  if (leaves.length === 0) return { tried: `cross-witness: skipped, every input is read by more than ${FEW_CONSTRAINTS} constraints` };
  const inputWires = [...system.inputWires];
  let runs = 0;
  for (const { leaf, uses } of leaves) {
    const v = mod(BigInt(leaf.value as string | number | bigint), p);
    for (const value of new Set([mod(v + 1n, p), mod(v - 1n, p), 0n, 1n, mod(2n * v, p), p - 1n].filter((x) => x !== v))) {
      if (Date.now() > deadline) return { tried: `cross-witness: stopped by the time budget after ${runs} neighbouring input(s)` };
      const moved = withLeaf(inputs, leaf.path, value.toString());
      runs++;
      const run = await generator.calculate(moved);
      if (!run.ok || run.failedAsserts.length > 0 || violatedConstraints(system, run.witness).length > 0) continue;
      const neighbour = run.witness;
      const label = `${leaf.label} = ${value === p - 1n ? '-1' : value}`;
      const where = `${leaf.label} is read by ${uses === 0 ? 'no constraint' : `only ${uses} constraint(s)`}`;
      // The neighbour's hinted values under the original inputs: a second witness for `inputs`.
      const back = writeInputs(neighbour, honest, inputWires);
      const there = repaired(system, back, inputWires, deadline);
      if (there && differsInOutputs(system, there, honest)) {
        const how = `cross-witness: circom's honest witness for ${label}, with the original inputs written back (${where})`;
        return { found: { inputs, honest, alternative: alternativeOf(there, honest, how) }, tried: `cross-witness: found after ${runs} neighbouring input(s)` };
      }
      // The honest hinted values under the neighbour's inputs: a second witness for `moved`.
      const forth = repaired(system, writeInputs(honest, neighbour, inputWires), inputWires, deadline);
      if (forth && differsInOutputs(system, forth, neighbour)) {
        const how = `cross-witness: the honest witness with ${label} written in (${where}); circom's generator gives other outputs there`;
        return { found: { inputs: moved, honest: neighbour, alternative: alternativeOf(forth, neighbour, how) }, tried: `cross-witness: found after ${runs} neighbouring input(s)` };
      }
    }
  }
  return { tried: `cross-witness: ${runs} neighbouring input(s) of ${leaves.length} input(s) read by ≤ ${FEW_CONSTRAINTS} constraints, no witness carried over with other outputs` };
}

/** How many constraints read this input element (0 when circom dropped the unused wire). */
function usesOf(system: ConstraintSystem, leaf: Leaf): number {
  const wire = system.labels.get(`main.${leaf.label}`);
  return wire === undefined || wire < 0 ? 0 : system.uses[wire].length;
}

function writeInputs(target: bigint[], source: bigint[], inputWires: number[]): bigint[] {
  const witness = target.slice();
  for (const wire of inputWires) witness[wire] = source[wire];
  return witness;
}

/**
 * The witness itself when it satisfies every constraint; otherwise, when only a few break, the
 * non-input wires of those re-solved from everything else. `undefined` when that fails.
 */
function repaired(system: ConstraintSystem, witness: bigint[], inputWires: number[], deadline: number): bigint[] | undefined {
  const broken = violatedConstraints(system, witness);
  if (broken.length === 0) return witness;
  if (broken.length > REPAIRABLE) return undefined;
  const inputs = new Set(inputWires);
  const known = new Uint8Array(system.nWires).fill(1);
  for (const index of broken) for (const wire of constraintWires(system.constraints[index])) if (wire !== 0 && !inputs.has(wire)) known[wire] = 0;
  const state: PropagationState = { witness, known, unknownCounts: countUnknowns(system, known) };
  const seeds = () => [...state.unknownCounts.keys()].filter((i) => state.unknownCounts[i] === 1);
  for (let round = 0; round < 4; round++) {
    if (propagate(system, state, seeds(), 'solve').contradiction !== undefined) return undefined;
    const open = [...state.unknownCounts.keys()].filter((i) => state.unknownCounts[i] > 0);
    if (open.length === 0) break;
    const elimination = eliminate({ system, witness, known, constraints: open, deadline });
    if (elimination.inconsistent || elimination.fixed.size === 0) break;
    for (const [wire, value] of elimination.fixed) {
      if (known[wire]) continue;
      witness[wire] = value;
      known[wire] = 1;
      for (const index of system.uses[wire]) state.unknownCounts[index]--;
    }
  }
  return violatedConstraints(system, witness).length === 0 ? witness : undefined;
}

function differsInOutputs(system: ConstraintSystem, witness: bigint[], honest: bigint[]): boolean {
  for (let w = 1; w <= system.nOutputs; w++) if (isOutputWire(system, w) && !isInputWire(system, w) && witness[w] !== honest[w]) return true;
  return false;
}

function alternativeOf(witness: bigint[], honest: bigint[], how: string): Alternative {
  const changed: number[] = [];
  for (let w = 0; w < witness.length; w++) if (witness[w] !== honest[w]) changed.push(w);
  return { witness, changed, how };
}
