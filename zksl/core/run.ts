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
import { judgeVectors, type AcceptObservation, type ForgeObservation, type RejectObservation, type VectorObservations, type VectorReport } from './judge.js';
import { vectorProblems } from './vector-problems.js';

export { judgeVectors, outputsMatch } from './judge.js';
export type { VectorObservations, VectorReport, VectorVerdict } from './judge.js';

/** A value at the circuit boundary: field elements as decimal strings, arrays nested. */
export type Value = string | Value[];

export type FailureKind = 'constraint' | 'hint' | 'input' | 'sketch' | 'timeout' | 'memory' | 'refused';

export interface RunFailure {
  kind: FailureKind;
  message: string;
  location?: Location;
  /** The violated constraint's label, for kind 'constraint'. */
  label?: string;
  /** Kind 'constraint' from a declared input's type check (`UInt(8)` refusing 300): that input's name. */
  input?: string;
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

/** Run a failing build into a RunFailure; rethrows nothing but reports sketch bugs as kind 'sketch'. */
export function toFailure(error: unknown): RunFailure {
  if (error instanceof ConstraintViolation) {
    const input = error.constraint.input === undefined ? {} : { input: error.constraint.input };
    return { kind: 'constraint', message: error.message, location: error.constraint.location, label: error.constraint.label, ...input };
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
  const where = location ? ` (${location.file}:${location.line})` : '';
  return { kind: 'sketch', message: `sketch error: ${message}${where}`, ...(location ? { location } : {}) };
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

/** Run every vector and record what happened; the verdicts are `judgeVectors`'s (on the host for untrusted sketches). */
export function observeVectors(sketch: Sketch, given: Partial<TestVectors>, params?: Params): VectorObservations {
  const vectors: TestVectors = { accept: given.accept ?? [], reject: given.reject ?? [], forge: given.forge ?? [] };
  const problems = vectorProblems(sketch, vectors, params);
  if (problems.length) return { problems, accept: [], reject: [], forge: [], findings: [] };
  const accept = vectors.accept.map((vector): AcceptObservation => {
    const run = runWitness(sketch, { params, inputs: vector.inputs });
    return run.ok ? { ran: true, outputs: run.outputs } : { ran: false, failure: run.failure };
  });
  const reject = vectors.reject.map((vector): RejectObservation => {
    const run = runWitness(sketch, { params, inputs: vector.inputs });
    return run.ok ? { ran: true } : { ran: false, failure: run.failure };
  });
  const forge = vectors.forge.map((vector): ForgeObservation => {
    const verdict = forgeOutputs(sketch, { params, inputs: vector.inputs, outputs: vector.outputs });
    return { ...verdict, honestFailed: verdict.detail.startsWith('honest') };
  });
  const structure = runConstraints(sketch, { params });
  return { problems: [], accept, reject, forge, findings: structure.findings, ...(structure.failure ? { structureFailure: structure.failure } : {}) };
}

/** Check accept / reject / forge vectors of a trusted sketch object, the same shape the harness uses. */
export function checkVectors(sketch: Sketch, given: Partial<TestVectors>, params?: Params): VectorReport {
  return judgeVectors(given, observeVectors(sketch, given, params));
}
