import { siblingModule, TimedWorker } from '../timed-worker.js';
import { witnessSatisfies } from './recheck.js';
import { LONGEST_DEFAULT_BUDGET_MS } from './budget.js';
import type { Lang } from '../types.js';
import type { CircomAnalysisOptions, NoirAnalysisOptions, SoundnessReport } from './types.js';

/**
 * Entry points that run the attacks in a worker thread under a hard time limit: the budget plus an
 * allowance (compiling the rewritten Noir program, loading z3). The in-process `analyzeR1cs` is the
 * same analysis without the thread, for tests and tools that already isolate it.
 */

const ALLOWANCE_MS = 30_000;
let worker: TimedWorker | undefined;
/** Analyses in progress: several runs may share the worker (the benchmark runs tasks in parallel). */
let running = 0;
/** Whether a Circom analysis ran in the current worker (it loads z3, whose threads need stopping). */
let z3Loaded = false;

/**
 * Soundness analysis of a Noir program without a spec: can the prover answer an unconstrained call
 * differently and still satisfy every constraint, with a different return value (or get inputs the
 * program rejects through)?
 *
 * @example
 * const report = await analyzeNoir({ files: { 'src/main.nr': source }, inputs: { a: 17, b: 5 } });
 * if (report.verdict === 'unsound') console.log(report.counterexample?.explanation);
 */
export function analyzeNoir(options: NoirAnalysisOptions): Promise<SoundnessReport> {
  return runIsolated('analyzeNoir', options);
}

/** `analyzeR1cs` in the worker thread: use from the agent loop so a looping witness generator cannot hang it. */
export async function analyzeR1csIsolated(options: CircomAnalysisOptions): Promise<SoundnessReport> {
  const report = await runIsolated('analyzeR1cs', options);
  const witness = report.counterexample?.witness;
  if (report.verdict !== 'unsound' || !witness) return report;
  // The worker cannot load r1csfile: the independent re-check of the witness happens here.
  if (await witnessSatisfies(options.r1csPath, witness)) return { ...report, tried: [...report.tried, 'counterexample re-checked: iden3 r1csfile accepts the witness'] };
  return { ...report, verdict: 'no-finding', counterexample: undefined, incomplete: 'a counterexample failed its independent re-check (r1csfile finds a violated constraint); no verdict' };
}

function analysisWorker(): TimedWorker {
  worker ??= new TimedWorker(siblingModule('soundness-worker', import.meta.url));
  return worker;
}

/**
 * Start the analysis thread ahead of its first job and load the attack on `languages`, so that
 * loading overlaps the compile and the vectors instead of following them.
 */
export function warmSoundnessAnalysis(languages: readonly Lang[]): void {
  const worker = analysisWorker();
  for (const lang of languages) worker.run('prepare', lang, ALLOWANCE_MS).catch(() => undefined); // a failing load fails the analysis itself, with its message
}

async function runIsolated(job: string, options: { budgetMs?: number }): Promise<SoundnessReport> {
  const started = Date.now();
  const worker = analysisWorker();
  // No budget: the job sizes one to the circuit (budget.ts), at most the cap.
  const budgetMs = options.budgetMs ?? LONGEST_DEFAULT_BUDGET_MS;
  running++;
  if (job === 'analyzeR1cs') z3Loaded = true;
  const outcome = await worker.run<SoundnessReport>(job, options, budgetMs + ALLOWANCE_MS).finally(() => running--);
  if (!outcome.timedOut) return outcome.value;
  return {
    verdict: 'no-finding',
    lints: [],
    tried: ['the attack did not finish: user code, the compiler or z3 ran past the time limit'],
    incomplete: `stopped after ${Date.now() - started} ms`,
    durationMs: Date.now() - started,
  };
}

/** Stop the worker thread (it is unref'd, so this only matters for tidy shutdowns). */
export async function disposeIsolatedAnalysis(): Promise<void> {
  // One run finishing must not stop another's analysis mid-way; the worker is unref'd, so leaving
  // it to the last one costs nothing at exit.
  if (running > 0) return;
  const current = worker;
  worker = undefined;
  if (!current) return;
  // z3 first, from inside the thread (see soundness-worker.ts); a stuck stop still ends with terminate.
  if (z3Loaded) await current.run('stopSmt', {}, 10_000).catch(() => undefined);
  z3Loaded = false;
  await current.terminate();
}
