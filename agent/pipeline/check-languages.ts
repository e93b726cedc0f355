import { checkCircuit, proveAndVerify, type CheckReport, type ProofVerdict } from '../../compiler-harness/check.js';
import type { Backend, CompiledCircuit, Lang, Proof, TargetCircuit } from '../../compiler-harness/types.js';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import type { AgentEventInput, FailureSummary } from '../events.js';

export type LanguageVectors = Partial<Record<Lang, TestVectors>>;

function fail(message: string): never {
  throw new Error(message);
}

/**
 * The task's stated preconditions: the run's `assumptions` and the user vectors' `assume` list.
 * Model-derived vectors are rebuilt per attempt, so the user's list is carried here, not in them.
 */
export function statedAssumptions(options: { assumptions?: readonly string[]; vectors?: TestVectors }): string[] {
  return [...new Set([...(options.assumptions ?? []), ...(options.vectors?.assume ?? [])])];
}

/**
 * The task as the model reads it: the user's words, then the stated preconditions, which the
 * circuit must enforce (an accepted witness whose inputs break one is a soundness finding).
 */
export function taskWithPreconditions(options: { task: string; assumptions?: readonly string[]; vectors?: TestVectors }): string {
  const stated = statedAssumptions(options);
  if (!stated.length) return options.task;
  const lines = stated.map((text) => `- ${text}`).join('\n');
  return `${options.task}\n\nStated preconditions on the inputs. The circuit must refuse every input that breaks one (range-check or assert it): zkcoder's soundness check looks for an accepted witness outside them.\n${lines}`;
}

export interface LanguageResult {
  lang: Lang;
  report: CheckReport;
  compiled?: CompiledCircuit;
}

/**
 * Compile → vectors → soundness for each language, yielding the events the TUI shows. Returns every
 * language's report (and compiled circuit, for the prove stage).
 */
export async function* checkLanguages(options: {
  circuits: Partial<Record<Lang, TargetCircuit>>;
  /** Vectors per language (usually the same object for both). */
  vectors: LanguageVectors;
  backends: Record<Lang, Backend>;
  soundnessBudgetMs?: number;
  /** Stated preconditions on the inputs, for the soundness analysis (see `statedAssumptions`). */
  assumptions?: readonly string[];
}): AsyncGenerator<AgentEventInput, LanguageResult[]> {
  const results: LanguageResult[] = [];
  // The languages are checked at once (each has its own toolchain thread, so a second core takes
  // the second language); their events still come in language order.
  const checks = (Object.entries(options.circuits) as [Lang, TargetCircuit][]).map(([lang, circuit]) => {
    let compiled: CompiledCircuit | undefined;
    const report = checkCircuit({
      backend: options.backends[lang],
      circuit,
      vectors: options.vectors[lang] ?? fail(`no vectors for ${lang}`),
      soundnessBudgetMs: options.soundnessBudgetMs,
      assumptions: options.assumptions,
      onCompiled: (c) => (compiled = c),
    });
    report.catch(() => undefined); // awaited below, in order; a later one failing first is not unhandled
    return { lang, report, compiled: () => compiled };
  });
  for (const check of checks) {
    const { lang } = check;
    const report = await check.report;
    yield { type: 'compiled', lang, ok: report.compile.ok, constraintCount: report.compile.constraintCount, diagnostics: report.compile.diagnostics };
    if (report.compile.ok) yield { type: 'tested', lang, passed: report.passed, summary: report.summary, failure: firstFailure(report) };
    results.push({ lang, report, compiled: check.compiled() });
  }
  return results;
}

export interface LanguageProof {
  lang: Lang;
  verdict: ProofVerdict;
  proof?: Proof;
}

/** Prove and verify each compiled circuit once (Groth16 for Circom, UltraHonk for Noir). */
export async function* proveLanguages(options: {
  results: LanguageResult[];
  vectors: LanguageVectors;
  backends: Record<Lang, Backend>;
}): AsyncGenerator<AgentEventInput, LanguageProof[]> {
  const proofs: LanguageProof[] = [];
  // Proved at once too (snarkjs and bb.js each use their own threads); events in language order.
  const proving = options.results.flatMap(({ lang, compiled }) => {
    if (!compiled) return [];
    let proof: Proof | undefined;
    const verdict = proveAndVerify({ backend: options.backends[lang], compiled, vectors: options.vectors[lang] ?? fail(`no vectors for ${lang}`), onProof: (p) => void (proof = p) });
    verdict.catch(() => undefined);
    return [{ lang, verdict, proof: () => proof }];
  });
  for (const run of proving) {
    const { lang } = run;
    const verdict = await run.verdict;
    yield { type: 'proved', lang, system: verdict.system, verified: verdict.verified && !verdict.error, tamperedRejected: verdict.tamperedRejected, durationMs: verdict.proveMs + verdict.verifyMs };
    proofs.push({ lang, verdict, proof: run.proof() });
  }
  return proofs;
}

/** Compile, vectors and soundness passed (whatever the proof did). */
export function testsPassed(report: CheckReport): boolean {
  return report.compile.ok && report.vectorProblems.length === 0 && report.vectors.every((v) => v.passed) && report.soundness?.verdict !== 'unsound';
}

/** The first thing that went wrong, for the TUI's failure panel and the repair prompt. */
export function firstFailure(report: CheckReport): FailureSummary | undefined {
  const error = report.compile.diagnostics.find((d) => d.severity === 'error');
  if (!report.compile.ok) {
    return {
      what: report.compile.timedOut ? 'compile timeout' : 'compile',
      message: error?.message ?? 'compile failed',
      location: error?.file ? `${error.file}${error.line ? `:${error.line}` : ''}` : undefined,
      sourceLine: error?.sourceLine,
    };
  }
  if (report.vectorProblems.length) return { what: 'vectors', message: report.vectorProblems[0] };
  const failed = report.vectors.find((v) => !v.passed);
  if (failed) {
    return {
      what: `${failed.kind}[${failed.index}]`,
      message: failed.message,
      location: failed.location ? `${failed.location.file}:${failed.location.line}` : undefined,
    };
  }
  if (report.soundness?.verdict === 'unsound') {
    return { what: 'soundness', message: report.soundness.counterexample?.explanation ?? 'under-constrained' };
  }
  if (report.proof?.error) return { what: 'prove', message: report.proof.error };
  if (report.proof && !report.proof.verified) return { what: 'prove', message: 'the proof did not verify' };
  return undefined;
}

/** Constraint count per language, for events and reports. */
export function constraintCounts(results: LanguageResult[]): Partial<Record<Lang, number>> {
  return Object.fromEntries(results.map((r) => [r.lang, r.report.compile.constraintCount]));
}
