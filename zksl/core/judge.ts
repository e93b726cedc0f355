/**
 * Verdicts on test vectors, computed from what a sketch run observed. The split matters for
 * untrusted sketches: the sandbox only reports observations (outputs, failures, findings) and the
 * host, running this file, compares them with the expected values and decides pass or fail, so a
 * sketch cannot answer "ok" for itself.
 */
import type { Finding } from './analysis.js';
import { toField } from './field.js';
import type { RunFailure, TestVectors, Value } from './run.js';
import type { VectorProblem } from './vector-problems.js';

/** What running one accept vector showed: the outputs, or the failure. */
export type AcceptObservation = { ran: true; outputs: Record<string, Value> } | { ran: false; failure: RunFailure };
/** What running one reject vector showed: it ran (bad), or how it failed. */
export type RejectObservation = { ran: true } | { ran: false; failure: RunFailure };
export interface ForgeObservation {
  accepted: boolean;
  detail: string;
  failure?: RunFailure;
  /** The honest inputs already failed, so nothing was forged. */
  honestFailed: boolean;
}

/** Everything a vector check observed, one entry per vector in order, plus the structural check. */
export interface VectorObservations {
  problems: VectorProblem[];
  accept: AcceptObservation[];
  reject: RejectObservation[];
  forge: ForgeObservation[];
  findings: Finding[];
  /** Constraint mode failed outright (the body throws without inputs). */
  structureFailure?: RunFailure;
}

export interface VectorVerdict {
  kind: 'accept' | 'reject' | 'forge';
  index: number;
  ok: boolean;
  detail: string;
  /** Accept vectors the sketch ran: its outputs (canonical field elements), to compare with Circom and Noir. */
  outputs?: Record<string, Value>;
  /** A vector that did not run because a declared input's type check refused it: that input's name. */
  refusedInput?: string;
}

export interface VectorReport {
  ok: boolean;
  verdicts: VectorVerdict[];
  findings: Finding[];
  /** Names in the vectors (or parameters) the sketch does not have: nothing was run. */
  problems: VectorProblem[];
  summary: string;
}

/** Compare actual outputs (canonical strings) with expected ones given in any boundary form. */
export function outputsMatch(actual: Record<string, Value>, expected: Record<string, unknown>): string | undefined {
  for (const [name, value] of Object.entries(expected)) {
    if (!Object.hasOwn(actual, name)) return `no output '${name}'`;
    const got = [actual[name]].flat(8) as string[];
    const want = [value].flat(8);
    let differs: boolean;
    try {
      differs = got.length !== want.length || got.some((g, i) => toField(g) !== toField(want[i]));
    } catch {
      // an output or expectation that is not a field element can only be a mismatch
      differs = true;
    }
    if (differs) return `output '${name}': expected ${JSON.stringify(value)}, got ${JSON.stringify(actual[name])}`;
  }
  return undefined;
}

/**
 * The verdicts for `vectors` from the observations of running them. Observations that do not line
 * up with the vectors (a different count) mean the run cannot be trusted: every vector fails.
 */
export function judgeVectors(given: Partial<TestVectors>, seen: VectorObservations): VectorReport {
  const vectors: TestVectors = { accept: given.accept ?? [], reject: given.reject ?? [], forge: given.forge ?? [] };
  if (seen.problems.length) {
    const more = seen.problems.length > 1 ? ` (and ${seen.problems.length - 1} more)` : '';
    return { ok: false, verdicts: [], findings: [], problems: seen.problems, summary: `${seen.problems[0].message}${more}` };
  }
  const counts = (['accept', 'reject', 'forge'] as const).filter((k) => seen[k].length !== vectors[k].length);
  if (counts.length) {
    const summary = `the sketch run reported ${counts.map((k) => `${seen[k].length} ${k} results for ${vectors[k].length} vectors`).join(', ')}`;
    return { ok: false, verdicts: [], findings: seen.findings, problems: [], summary };
  }
  const verdicts: VectorVerdict[] = [];
  vectors.accept.forEach((vector, index) => {
    const run = seen.accept[index];
    if (!run.ran) return verdicts.push({ kind: 'accept', index, ok: false, detail: run.failure.message, ...refusedBy(run.failure) });
    const mismatch = vector.outputs ? outputsMatch(run.outputs, vector.outputs) : undefined;
    verdicts.push({ kind: 'accept', index, ok: !mismatch, detail: mismatch ?? 'accepted', outputs: run.outputs });
  });
  vectors.reject.forEach((vector, index) => {
    const run = seen.reject[index];
    // a sketch bug (a TypeError) is not a refusal: the circuit would not refuse for that reason
    const refusedForReal = !run.ran && run.failure.kind !== 'sketch';
    const detail = run.ran ? `accepted but should be refused (${vector.reason})` : run.failure.message;
    verdicts.push({ kind: 'reject', index, ok: refusedForReal, detail, ...(run.ran ? {} : refusedBy(run.failure)) });
  });
  vectors.forge.forEach((vector, index) => {
    const forge = seen.forge[index];
    const ok = !forge.accepted && !forge.honestFailed && forge.failure !== undefined && forge.failure.kind !== 'sketch';
    verdicts.push({ kind: 'forge', index, ok, detail: `${forge.detail} (${vector.reason})` });
  });
  const findings = seen.findings;
  const failed = verdicts.filter((v) => !v.ok);
  const ok = failed.length === 0 && findings.length === 0 && !seen.structureFailure;
  const failures = [
    `${failed.length} of ${verdicts.length} vectors fail`,
    ...(findings.length ? [`${findings.length} unconstrained hint(s): ${findings[0].message}`] : []),
    ...(seen.structureFailure ? [`constraint mode fails: ${seen.structureFailure.message}`] : []),
    ...(failed[0] ? [`first failing vector: ${failed[0].kind} #${failed[0].index}: ${failed[0].detail}`] : []),
  ];
  const summary = ok ? `${verdicts.length} vectors pass` : failures.join('; ');
  return { ok, verdicts, findings, problems: [], summary };
}

const refusedBy = (failure: RunFailure): { refusedInput?: string } => (failure.input === undefined ? {} : { refusedInput: failure.input });
