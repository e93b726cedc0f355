import { join } from 'node:path';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { AgentEventInput } from '../events.js';
import type { RunContext, RunOutcome } from '../run-context.js';
import { constraintCounts, proveLanguages, type LanguageProof, type LanguageResult, type LanguageVectors } from './check-languages.js';
import { ABORTED } from '../model-loop/stop-conditions.js';
import { writeOutputs } from './write-outputs.js';
import { OutputFolder } from '../../compiler-harness/files/output-folder.js';

export interface VerifiedCircuits {
  origin: string;
  circuits: Partial<Record<Lang, TargetCircuit>>;
  vectors: LanguageVectors;
  results: LanguageResult[];
  sketch?: string;
  iterations: number;
  notes: string[];
  /** The run's one-line result when everything passes. */
  summary: string;
}

/** The last two stages of every run: prove + verify once, then write the outputs and REPORT.md. */
export async function* proveAndWrite(context: RunContext, verified: VerifiedCircuits): AsyncGenerator<AgentEventInput, RunOutcome> {
  const { options, run } = context;
  const counts = constraintCounts(verified.results);
  // The user's abort holds here too: both stages may take seconds, and the run resumes at either.
  const interrupted = (): RunOutcome => ({ ok: false, summary: ABORTED, outputs: [], constraintCounts: counts, iterations: verified.iterations, interrupted: true });
  let proofs: LanguageProof[] = [];
  if (options.signal?.aborted) return interrupted();
  if (options.prove !== false) {
    const start = performance.now();
    yield { type: 'stage-start', stage: 'prove' };
    proofs = yield* proveLanguages({ results: verified.results, vectors: verified.vectors, backends: context.backends });
    const proved = proofs.every((p) => p.verdict.verified && p.verdict.tamperedRejected && !p.verdict.error);
    const summary = proofs.map((p) => `${p.lang}: ${p.verdict.error ?? `${p.verdict.system} ${p.verdict.verified ? 'verified' : 'did not verify'}`}`).join('; ');
    yield { type: 'stage-end', stage: 'prove', ok: proved, summary, durationMs: performance.now() - start };
    for (const warning of new Set(proofs.flatMap((p) => p.verdict.warnings))) yield { type: 'notice', level: 'warning', message: warning };
    if (!proved) return { ok: false, summary: `proving failed: ${summary}`, outputs: [], constraintCounts: counts, iterations: verified.iterations };
    run.completeStage('prove', { summary });
  }
  if (options.signal?.aborted) return interrupted();
  const start = performance.now();
  yield { type: 'stage-start', stage: 'output' };
  const record = {
    task: options.task,
    origin: verified.origin,
    circuits: verified.circuits,
    vectors: verified.vectors,
    sketch: verified.sketch,
    results: verified.results,
    proofs,
    iterations: verified.iterations,
    notes: verified.notes,
  };
  const finalDir = join(run.dir, 'final');
  const saved = await writeOutputs(finalDir, record);
  // Checked again now: the folder may have changed while the run worked.
  const outputs = options.outDir ? await writeOutputs(new OutputFolder(options.outDir, { force: options.force }), record) : saved;
  yield { type: 'stage-end', stage: 'output', ok: true, summary: `${outputs.length} files in ${options.outDir ?? finalDir}`, durationMs: performance.now() - start };
  run.completeStage('output', { dir: options.outDir ?? finalDir });
  return { ok: true, summary: verified.summary, outputs, constraintCounts: counts, iterations: verified.iterations };
}
