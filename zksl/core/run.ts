/**
 * The runners: witness mode, constraint mode, forging outputs, and test vectors. Results are data;
 * an expected failure (a violated constraint, a refused input) is a result, never an exception.
 */
import { countConstraints, describeSystem, findUnconstrainedHints, type ConstraintCounts, type ConstraintLine, type Finding } from './analysis.js';
import { ConstraintViolation, HintFailure } from './circuit.js';
import { toField, toSigned } from './field.js';
import { resolveTrace, type Location } from './location.js';
import { buildCircuit, InputError, nest, type Built, type OutputBinding, type Params, type Sketch } from './sketch.js';
import { isSigned } from './types.js';
import { vectorProblems, type VectorProblem } from './vector-problems.js';

/** A value at the circuit boundary: field elements as decimal strings, arrays nested. */
export type Value = string | Value[];

export type FailureKind = 'constraint' | 'hint' | 'input' | 'sketch' | 'timeout' | 'memory' | 'refused';

export interface RunFailure {
  kind: FailureKind;
  message: string;
  location?: Location;
  /** The violated constraint's label, for kind 'constraint'. */
  label?: string;
}

export type WitnessResult =
  | {
      ok: true;
      /** Canonical field elements (what Circom and Noir return). */
      outputs: Record<string, Value>;
      /** Same values read as signed integers for SInt/Fixed outputs. */
      signedOutputs: Record<string, Value>;
      counts: ConstraintCounts;
      findings: Finding[];
    }
  | { ok: false; failure: RunFailure };

export interface ConstraintResult {
  ok: boolean;
  counts: ConstraintCounts;
  findings: Finding[];
  failure?: RunFailure;
  /** The constraint system in readable form, when asked for (`describe: true`). */
  system?: ConstraintLine[];
}

export interface TestVectors {
  accept: { inputs: Record<string, unknown>; outputs?: Record<string, unknown> }[];
  reject: { inputs: Record<string, unknown>; reason: string }[];
  forge: { inputs: Record<string, unknown>; outputs: Record<string, unknown>; reason: string }[];
}

export interface VectorVerdict {
  kind: 'accept' | 'reject' | 'forge';
  index: number;
  ok: boolean;
  detail: string;
  /** Accept vectors the sketch ran: its outputs (canonical field elements), to compare with Circom and Noir. */
  outputs?: Record<string, Value>;
}

export interface VectorReport {
  ok: boolean;
  verdicts: VectorVerdict[];
  findings: Finding[];
  /** Names in the vectors (or parameters) the sketch does not have: nothing was run. */
  problems: VectorProblem[];
  summary: string;
}

/** Run a failing build into a RunFailure; rethrows nothing but reports sketch bugs as kind 'sketch'. */
export function toFailure(error: unknown): RunFailure {
  if (error instanceof ConstraintViolation) {
    return { kind: 'constraint', message: error.message, location: error.constraint.location, label: error.constraint.label };
  }
  if (error instanceof HintFailure) return { kind: 'hint', message: error.message, location: error.location };
  if (error instanceof InputError) return { kind: 'input', message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  // sandbox limits surface as ordinary errors inside the guest; keep their kind
  if (message.includes('ZKSL sandbox refused')) return { kind: 'refused', message };
  if (message === 'interrupted') return { kind: 'timeout', message: 'sketch stopped: it ran past the time limit' };
  if (/out of memory|stack overflow|string too long/i.test(message)) return { kind: 'memory', message: `sketch stopped: ${message}` };
  // a bug in the sketch itself (a TypeError, a bad gadget argument): point at the sketch line
  const location = error instanceof Error ? resolveTrace(error) : undefined;
  return { kind: 'sketch', message: `sketch error: ${message}`, ...(location ? { location } : {}) };
}

function attempt(run: () => Built): Built | RunFailure {
  try {
    return run();
  } catch (error) {
    return toFailure(error);
  }
}

function isFailure(value: Built | RunFailure): value is RunFailure {
  return 'kind' in value;
}

/** Witness mode: compute every signal, check every constraint, return outputs or the first violation. */
export function runWitness(sketch: Sketch, options: { params?: Params; inputs: Record<string, unknown> }): WitnessResult {
  const built = attempt(() => buildCircuit(sketch, { mode: 'witness', params: options.params, inputs: options.inputs }));
  if (isFailure(built)) return { ok: false, failure: built };
  return {
    ok: true,
    outputs: readOutputs(built, false),
    signedOutputs: readOutputs(built, true),
    counts: countConstraints(built.circuit),
    findings: findUnconstrainedHints(built.circuit),
  };
}

/** Constraint mode: the constraint system's counts and findings, with no inputs. */
export function runConstraints(sketch: Sketch, options: { params?: Params; describe?: boolean } = {}): ConstraintResult & { built?: Built } {
  const built = attempt(() => buildCircuit(sketch, { mode: 'constraints', params: options.params }));
  if (isFailure(built)) {
    return { ok: false, failure: built, findings: [], counts: countConstraints({ vars: [], constraints: [] }) };
  }
  const findings = findUnconstrainedHints(built.circuit);
  const system = options.describe ? describeSystem(built.circuit) : undefined;
  return { ok: findings.length === 0, counts: countConstraints(built.circuit), findings, built, ...(system ? { system } : {}) };
}

function readOutputs(built: Built, signed: boolean): Record<string, Value> {
  const result: Record<string, Value> = {};
  for (const output of built.outputs) {
    const flat = output.vars.map((v) => {
      const value = built.circuit.values[v] ?? 0n;
      return String(signed && isSigned(output.scalar) ? toSigned(value) : value);
    });
    result[output.name] = nest(flat, output.shape) as Value;
  }
  return result;
}

/**
 * Forge: run honestly, then re-run with the given outputs pinned to wrong values (hints downstream
 * of them re-run on the forged values, honest values as fallback) and re-check every constraint.
 * `accepted: true` means the sketch is under-constrained.
 */
export function forgeOutputs(
  sketch: Sketch,
  options: { params?: Params; inputs: Record<string, unknown>; outputs: Record<string, unknown> },
): { accepted: boolean; detail: string; failure?: RunFailure } {
  const honest = attempt(() => buildCircuit(sketch, { mode: 'witness', params: options.params, inputs: options.inputs }));
  if (isFailure(honest)) return { accepted: false, detail: `honest inputs already fail: ${honest.message}`, failure: honest };
  const overrides = new Map<number, bigint>();
  for (const [name, value] of Object.entries(options.outputs)) {
    const binding = honest.outputs.find((o) => o.name === name);
    if (!binding) return { accepted: false, detail: `no output named '${name}'` };
    flattenExpected(binding, value).forEach((v, i) => overrides.set(binding.vars[i], v));
  }
  const changed = [...overrides].some(([v, value]) => honest.circuit.values[v] !== value);
  if (!changed) return { accepted: true, detail: 'the forged outputs equal the honest ones: not a forgery' };
  const forged = attempt(() =>
    buildCircuit(sketch, { mode: 'witness', params: options.params, inputs: options.inputs, overrides, fallback: honest.circuit.values }),
  );
  if (isFailure(forged)) return { accepted: false, detail: `forge rejected: ${forged.message}`, failure: forged };
  return { accepted: true, detail: 'UNDER-CONSTRAINED: a witness with the forged outputs satisfies every constraint' };
}

function flattenExpected(binding: OutputBinding, value: unknown): bigint[] {
  const flat = binding.shape.length === 0 ? [value] : (value as unknown[]).flat(binding.shape.length - 1);
  if (flat.length !== binding.vars.length) throw new Error(`output '${binding.name}': expected ${binding.vars.length} values`);
  return flat.map((v) => toField(v));
}

/** Compare actual outputs (canonical strings) with expected ones given in any boundary form. */
export function outputsMatch(actual: Record<string, Value>, expected: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(expected)) {
    const got = [actual[name]].flat(8) as string[];
    const want = [value].flat(8);
    if (actual[name] === undefined) return `no output '${name}'`;
    if (got.length !== want.length || got.some((g, i) => toField(g) !== toField(want[i]))) {
      return `output '${name}': expected ${JSON.stringify(value)}, got ${JSON.stringify(actual[name])}`;
    }
  }
  return undefined;
}

/** Check accept / reject / forge vectors, the same shape the harness uses. */
export function checkVectors(sketch: Sketch, given: Partial<TestVectors>, params?: Params): VectorReport {
  const vectors: TestVectors = { accept: given.accept ?? [], reject: given.reject ?? [], forge: given.forge ?? [] };
  const problems = vectorProblems(sketch, vectors, params);
  if (problems.length) {
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    return { ok: false, verdicts: [], findings: [], problems, summary: `${problems[0].message}${more}` };
  }
  const verdicts: VectorVerdict[] = [];
  vectors.accept.forEach((vector, index) => {
    const run = runWitness(sketch, { params, inputs: vector.inputs });
    if (!run.ok) return verdicts.push({ kind: 'accept', index, ok: false, detail: run.failure.message });
    const mismatch = vector.outputs ? outputsMatch(run.outputs, vector.outputs) : undefined;
    verdicts.push({ kind: 'accept', index, ok: !mismatch, detail: mismatch ?? 'accepted', outputs: run.outputs });
  });
  vectors.reject.forEach((vector, index) => {
    const run = runWitness(sketch, { params, inputs: vector.inputs });
    const refusedForReal = !run.ok && run.failure.kind !== 'sketch';
    const detail = run.ok ? `accepted but should be refused (${vector.reason})` : run.failure.message;
    verdicts.push({ kind: 'reject', index, ok: refusedForReal, detail });
  });
  vectors.forge.forEach((vector, index) => {
    const verdict = forgeOutputs(sketch, { params, inputs: vector.inputs, outputs: vector.outputs });
    const ok = !verdict.accepted && verdict.failure?.kind !== 'sketch' && !verdict.detail.startsWith('honest');
    verdicts.push({ kind: 'forge', index, ok, detail: `${verdict.detail} (${vector.reason})` });
  });
  const structure = runConstraints(sketch, { params });
  const findings = structure.findings;
  const failed = verdicts.filter((v) => !v.ok);
  const ok = failed.length === 0 && findings.length === 0 && structure.ok;
  const failures = [
    `${failed.length} of ${verdicts.length} vectors fail`,
    ...(findings.length ? [`${findings.length} unconstrained hint(s): ${findings[0].message}`] : []),
    ...(structure.failure ? [`constraint mode fails: ${structure.failure.message}`] : []),
    ...(failed[0] ? [`first failing vector: ${failed[0].kind} #${failed[0].index}: ${failed[0].detail}`] : []),
  ];
  const summary = ok ? `${verdicts.length} vectors pass` : failures.join('; ');
  return { ok, verdicts, findings, problems, summary };
}
