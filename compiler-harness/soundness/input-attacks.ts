import { mod } from './field.js';
import { solveWitness } from './circom-attack.js';
import type { CircomWitnessGenerator } from './circom-witness.js';
import type { ConstraintSystem } from './r1cs.js';
import type { InputPrecondition } from './types.js';
import { breaks, matchesPath } from './assumptions.js';

/**
 * Attacks that move the inputs rather than the witness. Three uses: other accepted inputs to run
 * the witness attack on (special points), inputs an `assert` rejects, and inputs that violate a
 * stated precondition. For the last two the question is whether the constraints accept *some*
 * witness for inputs the source (or the task) forbids.
 */

/**
 * Variants of `inputs`: everything zero, then one leaf at a time set to 0, 1, v + 1, −1. The
 * witness attack works per concrete input, and many under-constrained circuits are ambiguous only
 * at special points (IsZero without its second constraint is fine at in = 5, not at in = 0).
 */
export function inputVariants(inputs: Record<string, unknown>, p: bigint, limit = 24): { inputs: Record<string, unknown>; label: string }[] {
  const leaves = inputLeaves(inputs);
  const variants: { inputs: Record<string, unknown>; label: string }[] = [];
  let zeros = inputs;
  for (const leaf of leaves) zeros = withLeaf(zeros, leaf.path, '0');
  variants.push({ inputs: zeros, label: 'all inputs 0' });
  for (const leaf of leaves) {
    const v = mod(BigInt(leaf.value as string | number | bigint), p);
    for (const value of new Set([0n, 1n, mod(v + 1n, p), p - 1n])) {
      if (value !== v) variants.push({ inputs: withLeaf(inputs, leaf.path, value.toString()), label: `${leaf.label} = ${value === p - 1n ? '-1' : value}` });
    }
  }
  const seen = new Set<string>([JSON.stringify(inputs, bigintJson)]);
  return variants.filter((variant) => {
    const key = JSON.stringify(variant.inputs, bigintJson);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  }).slice(0, limit);
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : typeof value === 'number' ? String(value) : value;
}

export interface Leaf {
  path: (string | number)[];
  label: string;
  value: unknown;
}

export function inputLeaves(inputs: Record<string, unknown>): Leaf[] {
  const leaves: Leaf[] = [];
  const walk = (value: unknown, path: (string | number)[], label: string) => {
    if (Array.isArray(value)) value.forEach((item, i) => walk(item, [...path, i], `${label}[${i}]`));
    else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, key], `${label}.${key}`);
    else leaves.push({ path, label, value });
  };
  for (const [name, value] of Object.entries(inputs)) walk(value, [name], name);
  return leaves;
}

export function withLeaf(inputs: Record<string, unknown>, path: (string | number)[], value: string): Record<string, unknown> {
  const copy = structuredClone(inputs) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path[path.length - 1]] = value;
  return copy as Record<string, unknown>;
}

/**
 * The second kind of counterexample: inputs the source rejects — an `assert` fails while the
 * witness is generated — that the constraints nevertheless accept. Circom's `assert` adds no
 * constraint, so a precondition written only as an assert (a range, a non-zero divisor) is not
 * enforced by the proof. We move one input element at a time to values that typically break
 * preconditions (−1, −v, 2^k, v ± 1) and, whenever an assert fires, build a witness for those
 * inputs from the constraints alone.
 */

export interface AssertBypass {
  inputs: Record<string, unknown>;
  witness: bigint[];
  /** The generator's assert messages (`Error in template T_3 line: 7`). */
  failedAsserts: string[];
  mutated: string;
}

export async function searchAssertBypass(options: {
  system: ConstraintSystem;
  generator: CircomWitnessGenerator;
  inputs: Record<string, unknown>;
  /** The user's sources: where the assert statements are. Without them there is nothing to bypass. */
  source: Record<string, string> | undefined;
  deadline: number;
}): Promise<{ bypass?: AssertBypass; tried: string }> {
  const { system, generator, inputs, source, deadline } = options;
  if (!source || !Object.values(source).some((text) => /\bassert\s*\(/.test(text))) {
    return { tried: 'assert bypass: skipped, the source states no assert' };
  }
  const p = system.prime;
  const leaves = inputLeaves(inputs);
  let runs = 0;
  let fired = 0;
  for (const leaf of leaves.slice(0, 32)) {
    const v = mod(BigInt(leaf.value as string | number | bigint), p);
    const values = [p - 1n, mod(-v, p), v + 1n, mod(v - 1n, p), 0n, 1n, ...[8n, 16n, 32n, 64n, 128n, 252n].map((k) => 1n << k)];
    for (const value of new Set(values.filter((x) => x !== v))) {
      if (Date.now() > deadline) return { tried: `assert bypass: stopped by the time budget after ${runs} mutated inputs (${fired} rejected by an assert statement)` };
      const mutated = withLeaf(inputs, leaf.path, value.toString());
      runs++;
      const run = await generator.calculate(mutated);
      if (!run.ok || run.failedAsserts.length === 0) continue;
      // circom also reports a failing `===` as "Assert Failed": only real assert statements in the
      // user's source state a precondition; a failing constraint just means the inputs are refused.
      const statements = run.failedAsserts.filter((message) => /\bassert\s*\(/.test(locateAssert(message, source)?.text ?? ''));
      if (statements.length === 0) continue;
      fired++;
      const witness = await solveWitness(system, run.witness, Math.min(deadline, Date.now() + 1500));
      if (!witness) continue;
      return {
        bypass: { inputs: mutated, witness, failedAsserts: statements, mutated: `${leaf.label} = ${value}` },
        tried: `assert bypass: ${runs} mutated inputs, ${fired} rejected by an assert statement`,
      };
    }
  }
  return { tried: `assert bypass: ${runs} mutated inputs, ${fired} rejected by an assert statement, none accepted by the constraints` };
}

/** `Error in template Guard_2 line: 7` → the source file and line of that assert, when we have the source. */
export function locateAssert(message: string, source: Record<string, string> | undefined): { file: string; line: number; text: string } | undefined {
  const match = /template (\w+?)(?:_\d+)? line: (\d+)/.exec(message);
  if (!match || !source) return undefined;
  const [, template, line] = match;
  for (const [file, text] of Object.entries(source)) {
    if (!new RegExp(`\\btemplate\\s+${template}\\s*\\(`).test(text)) continue;
    const lineText = text.split('\n')[Number(line) - 1];
    return { file, line: Number(line), text: (lineText ?? '').trim() };
  }
  return undefined;
}

/**
 * Stated preconditions (from the task or the agent: "x is an 8-bit value"), checked like asserts:
 * pick input values that violate one, and ask whether the constraints still accept some witness.
 * This is how a comparator on unchecked inputs is caught without a spec of its output: LessThan(8)
 * is a deterministic function of its inputs, but it happily accepts x = p − 1 ("−1") as small.
 */

export interface PreconditionBypass {
  inputs: Record<string, unknown>;
  witness: bigint[];
  /** `x = 21888…616 violates x < 2^8` */
  violation: string;
}

export async function searchPreconditionBypass(options: {
  system: ConstraintSystem;
  generator: CircomWitnessGenerator;
  inputs: Record<string, unknown>;
  preconditions: Record<string, InputPrecondition>;
  deadline: number;
}): Promise<{ bypass?: PreconditionBypass; tried: string }> {
  const { system, generator, inputs, deadline } = options;
  const p = system.prime;
  let runs = 0;
  const attempt = async (mutated: Record<string, unknown>) => {
    runs++;
    const run = await generator.calculate(mutated);
    // The generator may stop early (a failing === or assert): the constraints decide, not it.
    if (!run.ok) return undefined;
    return (await solveWitness(system, run.witness, Math.min(deadline, Date.now() + 1500))) ?? undefined;
  };
  const stopped = () => ({ tried: `stated preconditions: stopped by the time budget after ${runs} violating inputs` });
  const refused: { leaf: Leaf; value: bigint; delta: bigint; violation: string }[] = [];
  for (const [key, precondition] of Object.entries(options.preconditions)) {
    // Keyed by input name (`{ x: { bits: 8 } }`) or by the assumption's text (`--assume "in[*] < 2^8"`).
    const name = precondition.input ?? key;
    const { describe, values } = bounds(name, precondition, p);
    const stated = precondition.input !== undefined ? key : describe;
    const leaves = inputLeaves(inputs).filter((l) => l.path[0] === name && matchesPath(precondition.path, l.path.slice(1)));
    for (const leaf of leaves.slice(0, 8)) {
      const v = mod(BigInt(leaf.value as string | number | bigint), p);
      for (const value of new Set([...values, v + (1n << 32n), mod(-v, p)].filter((x) => x < p && breaks(precondition, x)))) {
        if (Date.now() > deadline) return stopped();
        const mutated = withLeaf(inputs, leaf.path, value.toString());
        const violation = `${leaf.label} = ${value} violates ${stated}`;
        const witness = await attempt(mutated);
        if (witness) return { bypass: { inputs: mutated, witness, violation }, tried: `stated preconditions: ${runs} violating inputs` };
        refused.push({ leaf, value, delta: mod(value - v, p), violation });
      }
    }
  }
  // A whole-vector move: a balance (Σ in = Σ out) refuses one wrapped amount alone, but accepts it
  // with another input moved the other way ("-1" on one note, +121 on the next).
  const all = inputLeaves(inputs).slice(0, 16);
  for (const { leaf, value, delta, violation } of refused.slice(0, 16)) {
    for (const other of all.filter((o) => o.label !== leaf.label)) {
      if (Date.now() > deadline) return stopped();
      const w = mod(BigInt(other.value as string | number | bigint), p);
      const mutated = withLeaf(withLeaf(inputs, leaf.path, value.toString()), other.path, mod(w - delta, p).toString());
      const witness = await attempt(mutated);
      if (witness) return { bypass: { inputs: mutated, witness, violation: `${violation} (with ${other.label} = ${mod(w - delta, p)})` }, tried: `stated preconditions: ${runs} violating inputs` };
    }
  }
  return { tried: `stated preconditions: ${runs} violating inputs, all rejected by the constraints` };
}

/** Values that break a precondition, for each kind: above a maximum, below a minimum, an excluded value. */
function bounds(name: string, precondition: InputPrecondition, p: bigint) {
  const max = precondition.bits !== undefined ? (1n << BigInt(precondition.bits)) - 1n : precondition.max !== undefined ? BigInt(precondition.max) : undefined;
  const min = precondition.min !== undefined ? BigInt(precondition.min) : undefined;
  const excluded = (precondition.notEqual ?? []).map((x) => mod(BigInt(x), p));
  const parts = [
    min !== undefined ? `${name} ≥ ${min}` : '',
    precondition.bits !== undefined ? `${name} < 2^${precondition.bits}` : max !== undefined ? `${name} ≤ ${max}` : '',
    ...excluded.map((x) => `${name} ≠ ${x}`),
  ];
  // Field elements compare as integers in [0, p): "−1" is p − 1, far above any small maximum.
  const values = [
    ...excluded,
    p - 1n,
    max !== undefined ? max + 1n : undefined,
    max !== undefined ? 2n * max + 1n : undefined,
    max !== undefined ? (max + 1n) * 256n : undefined,
    min !== undefined && min > 0n ? min - 1n : undefined,
    min !== undefined && min > 0n ? 0n : undefined,
    0n,
  ];
  return { describe: parts.filter(Boolean).join(' and '), values: values.filter((x): x is bigint => x !== undefined && x >= 0n && x < p) };
}
