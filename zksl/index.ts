/**
 * The programmatic ZKSL API for the CLI and the agent. Sketch *source* (model-written) always runs
 * in the QuickJS sandbox; sketch *objects* (our own examples, knowledge-base entries loaded as
 * modules) run in-process.
 */
import { readFileSync } from 'node:fs';
import { countConstraints, type ConstraintCounts, type ConstraintLine, type Finding } from './core/analysis.js';
import {
  type ConstraintResult,
  type RunFailure,
  type TestVectors,
  type VectorReport,
  type WitnessResult,
} from './core/run.js';
import type { Params, Sketch } from './core/sketch.js';
import { lowerToCircom as lowerCircom } from './lower/circom.js';
import { judgeVectors } from './core/judge.js';
import { lowerToNoir as lowerNoir, noirManifest } from './lower/noir.js';
import type { LoweredCircuit, LowerOptions, SourceLookup } from './lower/common.js';
import { malformed, type ReplyResult } from './sandbox/reply.js';
import { runInSandbox, type SandboxOptions, type SandboxResult } from './sandbox/run.js';
import type { FloatAccuracy } from './core/float-accuracy.js';

export * from './runtime.js';
export { checkVectors, forgeOutputs, runConstraints, runWitness } from './core/run.js';
export type { ConstraintCounts, ConstraintLine, Finding, LoweredCircuit, RunFailure, SandboxOptions, SandboxResult, TestVectors, VectorReport, WitnessResult };
export type { VectorProblem } from './core/vector-problems.js';
export type { FloatAccuracy } from './core/float-accuracy.js';
export { firstDisagreement, outputsByName, type OutputDisagreement } from './lower/outputs.js';
export { zkslReference, estimateTokens } from './reference/generate.js';
export { examples, type Example } from './examples/index.js';

export type SketchMode = 'witness' | 'constraints';

export interface RunSketchOptions extends SandboxOptions {
  params?: Params;
  inputs?: Record<string, unknown>;
  mode: SketchMode;
  /** Constraint mode: also return the constraint system in readable form. */
  describe?: boolean;
}

export type ConstraintReport = ConstraintResult;

/** Every source-level result carries how long the sandbox run took. */
export type Timed<T> = T & { durationMs: number };

type SandboxFailure = { ok: false; failure: RunFailure };

function unwrap<T>(run: SandboxResult<T>, onFailure: (failure: RunFailure) => T): Timed<T> {
  return { ...(run.ok ? run.result : onFailure(run.failure)), durationMs: run.durationMs };
}

const noCounts = (): ConstraintCounts => countConstraints({ vars: [], constraints: [] });

/**
 * Run untrusted sketch source in the sandbox: witness mode (needs `inputs`) returns outputs or the
 * first violated constraint; constraint mode returns counts and findings. Sandbox failures
 * (refused capability, timeout, memory, parse error) are `{ ok: false, failure }` like any other.
 * Example: `await runSketchSource(text, { mode: 'witness', inputs: { a: 100, b: 7 }, timeoutMs: 2000 })`.
 */
export async function runSketchSource(source: string, options: RunSketchOptions & { mode: 'witness' }): Promise<Timed<WitnessResult>>;
export async function runSketchSource(source: string, options: RunSketchOptions & { mode: 'constraints' }): Promise<Timed<ConstraintReport>>;
export async function runSketchSource(source: string, options: RunSketchOptions): Promise<Timed<WitnessResult | ConstraintReport>>;
export async function runSketchSource(source: string, options: RunSketchOptions): Promise<Timed<WitnessResult | ConstraintReport>> {
  if (options.mode === 'witness') {
    const run = await runInSandbox(source, { op: 'witness', params: options.params, inputs: options.inputs }, options);
    return unwrap<WitnessResult>(run, (failure) => ({ ok: false, failure }));
  }
  const run = await runInSandbox(source, { op: 'constraints', params: options.params, describe: options.describe }, options);
  return unwrap<ConstraintReport>(run, (failure) => ({ ok: false, failure, counts: noCounts(), findings: [] }));
}

/**
 * Accept / reject / forge vectors (plus the unconstrained-hint check) against untrusted sketch
 * source. Example: `await checkSketchVectors(text, vectors, { params: { bits: 8 } })`.
 */
export async function checkSketchVectors(
  source: string,
  /** Omit to use the vectors the sketch module exports (`export const vectors`). */
  vectors: Partial<TestVectors> | undefined,
  options: SandboxOptions & { params?: Params } = {},
): Promise<Timed<VectorReport & { failure?: RunFailure }>> {
  const run = await runInSandbox(source, { op: 'vectors', vectors: vectors as TestVectors, params: options.params }, options);
  const failed = (failure: RunFailure) => ({ ok: false, verdicts: [], findings: [], problems: [], summary: failure.message, failure, durationMs: run.durationMs });
  if (!run.ok) return failed(run.failure);
  // the verdicts are the host's: the guest reported what it saw, the host compares with what it expected
  const ran = vectors ?? run.result.vectors;
  if (!ran) return failed(malformed('no vectors were run'));
  return { ...judgeVectors(ran, run.result.observations), durationMs: run.durationMs };
}

export interface DerivedCases {
  accept: { inputs: Record<string, unknown>; outputs: Record<string, unknown> }[];
  /** Reject inputs may hold holes (null) where a valid input's value belongs (type rejects of one array element). */
  reject: { inputs: Record<string, unknown>; reason: string }[];
  /** What the module lacks for good vectors (`missing invalidInputs`). */
  notes?: string[];
  /** With a `floatReference` export: how far the integer reference is from it, in ulps. */
  float?: FloatAccuracy;
}

/**
 * Test cases from a sketch module's own plain-TypeScript reference (`reference`, `sampleInputs`,
 * optional `invalidInputs` exports) plus inputs at and just outside the declared input types' bounds,
 * run in the sandbox with seeded random numbers; `fromTypes` samples the declared types only (no
 * reference needed; outputs come from a witness run). Example:
 * `await deriveSketchCases(text, { params: { n: 4 }, count: 8, seed: 7 })`.
 */
export async function deriveSketchCases(
  source: string,
  options: SandboxOptions & { params?: Params; count?: number; seed?: number; fromTypes?: { enforced: string[] } } = {},
): Promise<Timed<{ ok: true; cases: DerivedCases } | SandboxFailure>> {
  const run = await runInSandbox(source, { op: 'derive', params: options.params, count: options.count, seed: options.seed, fromTypes: options.fromTypes }, options);
  return run.ok ? { ok: true, cases: run.result, durationMs: run.durationMs } : { ...run };
}

/**
 * Lower untrusted sketch source to Circom or Noir (inside the sandbox: lowering runs the body); the
 * circuit's `files`/`entry`/`publicInputs` fit the harness's TargetCircuit. Example:
 * `await lowerSketchSource(text, 'noir', { params: { n: 4 } })`.
 */
export async function lowerSketchSource(
  source: string,
  lang: 'circom' | 'noir',
  options: SandboxOptions & { params?: Params; checkOutputs?: boolean } = {},
): Promise<Timed<{ ok: true; circuit: LoweredCircuit } | SandboxFailure>> {
  const run = await runInSandbox(source, { op: lang, params: options.params, checkOutputs: options.checkOutputs }, options);
  if (!run.ok) return { ...run };
  const circuit = hostNamedCircuit(lang, run.result);
  return 'kind' in circuit ? { ok: false, failure: circuit, durationMs: run.durationMs } : { ok: true, circuit, durationMs: run.durationMs };
}

/**
 * The lowered circuit with file names the host chose: the guest's text for the one source file of
 * its language, and (Noir) a manifest built here. Any other file name in the reply refuses it.
 */
function hostNamedCircuit(lang: 'circom' | 'noir', reported: ReplyResult<'circom'>): LoweredCircuit | RunFailure {
  const entry = lang === 'circom' ? 'main.circom' : 'src/main.nr';
  const expected = lang === 'circom' ? [entry] : [entry, 'Nargo.toml'];
  const names = Object.keys(reported.files);
  const extra = names.find((n) => !expected.includes(n));
  if (reported.lang !== lang) return malformed(`a ${reported.lang} circuit for a ${lang} request`);
  if (extra !== undefined) return malformed(`unexpected file name ${JSON.stringify(extra.slice(0, 100))}`);
  const text = reported.files[entry];
  if (typeof text !== 'string' || reported.entry !== entry) return malformed(`no ${entry}`);
  const files: Record<string, string> = lang === 'circom' ? { [entry]: text } : { [entry]: text, 'Nargo.toml': noirManifest(reported.name) };
  const lines = reported.sourceLines?.[entry];
  return { ...reported, files, entry, sourceLines: lines ? { [entry]: lines } : undefined };
}

/** Sketch files of trusted sketch objects are read (once) so signals can be named after their variables. */
const sourceCache = new Map<string, string | undefined>();
const readSketchSource: SourceLookup = (file) => {
  if (!sourceCache.has(file)) {
    try {
      sourceCache.set(file, readFileSync(file, 'utf8'));
    } catch {
      sourceCache.set(file, undefined);
    }
  }
  return sourceCache.get(file);
};

/** Lower a trusted sketch object to a Circom 2 template (with `component main`). Example: `lowerToCircom(divMod, { bits: 16 })`. */
export function lowerToCircom(sketch: Sketch, params?: Params, options: Omit<LowerOptions, 'params'> = {}): LoweredCircuit {
  return lowerCircom(sketch, { source: readSketchSource, ...options, params });
}

/** Lower a trusted sketch object to a Noir program (`src/main.nr` + `Nargo.toml`). Example: `lowerToNoir(divMod, { bits: 16 })`. */
export function lowerToNoir(sketch: Sketch, params?: Params, options: Omit<LowerOptions, 'params'> = {}): LoweredCircuit {
  return lowerNoir(sketch, { source: readSketchSource, ...options, params });
}
