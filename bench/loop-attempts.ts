/**
 * The model loop's own time per attempt (issue 14: ≤ 5 s for circuits up to 1k constraints,
 * excluding model time). The real loop (`runAgent`, `write` strategy) runs with a scripted model
 * that answers at once: the entry's sketch, then the entry's circuit with a real bug (a missing
 * constraint or a wrong output), then the entry's circuit as it is. So every run has one attempt
 * that fails and one that verifies, then proves and writes. Each language runs on its own.
 *
 * Per attempt: wall and CPU time of everything but the model's reply, and the stages the loop
 * reports (sketch, retrieve, target, check); the check split into compile, vectors and soundness
 * (the rest of the language's check) through a timing wrapper around the backend.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAgent } from '../agent/run-agent.js';
import type { AgentEvent } from '../agent/events.js';
import { RunStore } from '../agent/runs/run-store.js';
import type { Backend, Lang } from '../compiler-harness/types.js';
import type { KnowledgeEntry } from '../knowledge-base/entry.js';
import type { KnowledgeBase } from '../knowledge-base/search.js';
import { checkCircuit } from '../compiler-harness/check.js';
import { loadTestVectors } from '../compiler-harness/vectors/schema.js';
import { circomCircuit, noirCircuit } from '../knowledge-base/verify.js';
import { warmToolchains } from '../agent/model-loop/warm-up.js';
import { median, round } from './stats.js';
import { ATTEMPT_ENTRIES, modelFor, QUICK_ATTEMPT_ENTRIES, type AttemptEntry } from './loop-attempt-tasks.js';
import { processTreeCpuMs } from './process-cpu.js';

type Timed = { what: 'compile' | 'soundness-compile' | 'vectors' | 'prove' | 'verify'; startMs: number; endMs: number };

/**
 * The backend with its calls timed into `calls`: compile (an unoptimised one is the soundness
 * analysis's), execute (vectors), prove, verify. One per backend, lent to every run (as the backend is).
 */
function timedBackend(backend: Backend, calls: Timed[]): Backend {
  const time = async <T>(what: Timed['what'], fn: () => Promise<T>): Promise<T> => {
    const startMs = performance.now();
    try {
      return await fn();
    } finally {
      calls.push({ what, startMs, endMs: performance.now() });
    }
  };
  return new Proxy(backend, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      const bound = value.bind(target) as (...args: unknown[]) => Promise<unknown>;
      if (key === 'compile') return (circuit: unknown, options?: { optimization?: number }) => time(options?.optimization === 0 ? 'soundness-compile' : 'compile', () => bound(circuit, options));
      if (key === 'execute') return (...args: unknown[]) => time('vectors', () => bound(...args));
      if (key === 'prove') return (...args: unknown[]) => time('prove', () => bound(...args));
      if (key === 'verify') return (...args: unknown[]) => time('verify', () => bound(...args));
      return bound;
    },
  });
}

const sumOf = (calls: Timed[], what: Timed['what'], from: number, to: number) =>
  round(calls.filter((c) => c.what === what && c.startMs >= from && c.endMs <= to).reduce((total, c) => total + c.endMs - c.startMs, 0));

export interface AttemptTiming {
  attempt: number;
  verified: boolean;
  /** Wall time of the loop's own work in this attempt (the model's reply taken out). */
  ms: number;
  cpuMs: number;
  modelMs: number;
  stages: Record<string, number>;
  check: { compile: number; vectors: number; soundness: number; soundnessCompile: number };
}

/** One run of the loop on one entry in one language: its attempts, then the prove and output stages. */
export async function timeAttempts(options: { entry: KnowledgeEntry; task: AttemptEntry; lang: Lang; backend: Backend; calls: Timed[]; knowledgeBase: KnowledgeBase; store: RunStore; home: string; outDir: string }) {
  const { entry, lang } = options;
  const { calls } = options;
  calls.length = 0;
  const { model, modelMs } = modelFor(entry, options.task, lang);
  const name = options.task.name ?? entry.id;
  const generator = runAgent({
    task: entry.name + ': ' + entry.description,
    languages: [lang],
    model,
    strategy: 'write',
    maxIterations: 3,
    prove: true,
    home: options.home,
    knowledgeBase: options.knowledgeBase,
    store: options.store,
    outDir: options.outDir,
    workingDir: options.outDir,
    backends: { [lang]: options.backend },
  });
  const attempts: AttemptTiming[] = [];
  let mark = { wall: performance.now(), cpu: processTreeCpuMs(), model: 0 };
  const runStart = mark.wall;
  let stages: Record<string, number> = {};
  let checkStart = 0;
  let tested = 0;
  let finish: { ms: number; cpuMs: number; stages: Record<string, number>; prove: number; verify: number } | undefined;
  let done: Extract<AgentEvent, { type: 'done' }> | undefined;
  const seen: string[] = [];
  for (;;) {
    const next = await generator.next();
    if (next.done) break;
    const event = next.value;
    const now = performance.now();
    if (event.type === 'stage-start' && event.stage === 'check') checkStart = now;
    if (event.type === 'tested') tested = now;
    if (event.type === 'stage-end') stages[event.stage] = round(event.durationMs);
    if (event.type === 'done') done = event;
    if (event.type === 'sketch-checked' || event.type === 'tested' || (event.type === 'compiled' && !event.ok)) seen.push(JSON.stringify(event).slice(0, 300));
    if (event.type === 'stage-end' && event.stage === 'check') {
      const compile = sumOf(calls, 'compile', checkStart, now);
      const vectors = sumOf(calls, 'vectors', checkStart, now);
      const lastCall = Math.max(checkStart, ...calls.filter((c) => c.startMs >= checkStart && c.what !== 'soundness-compile').map((c) => c.endMs));
      const spentInModel = modelMs() - mark.model;
      attempts.push({
        attempt: attempts.length + 1,
        verified: event.ok,
        ms: round(now - mark.wall - spentInModel),
        cpuMs: round(processTreeCpuMs() - mark.cpu),
        modelMs: round(spentInModel),
        stages,
        // Soundness: from the language's last compile or vector run to its report (tested) in the check.
        check: { compile, vectors, soundness: round(Math.max(0, (tested || now) - lastCall)), soundnessCompile: sumOf(calls, 'soundness-compile', checkStart, now) },
      });
      mark = { wall: now, cpu: processTreeCpuMs(), model: modelMs() };
      stages = {};
      tested = 0;
    }
    if (event.type === 'stage-end' && event.stage === 'output') {
      finish = { ms: round(now - mark.wall), cpuMs: round(processTreeCpuMs() - mark.cpu), stages, prove: sumOf(calls, 'prove', mark.wall, now), verify: sumOf(calls, 'verify', mark.wall, now) };
    }
  }
  if (!done?.ok) throw new Error(`${name} ${lang}: the run did not verify: ${done?.summary}\n${seen.join('\n')}`);
  if (attempts.length !== 2 || attempts[0].verified) throw new Error(`${name} ${lang}: expected a failing then a verifying attempt, got ${attempts.map((a) => a.verified).join(', ')}`);
  return { id: name, lang, constraints: done.constraintCounts[lang], attempts, finish, runMs: round(performance.now() - runStart) };
}

export type EntryAttempts = Awaited<ReturnType<typeof timeAttempts>>;

/** Median and max per-attempt time per language, wall and CPU, and the median stage breakdown. */
export function attemptMedians(results: EntryAttempts[]) {
  const byLang = (lang: Lang) => {
    const attempts = results.filter((r) => r.lang === lang).flatMap((r) => r.attempts);
    if (!attempts.length) return undefined;
    const stageNames = [...new Set(attempts.flatMap((a) => Object.keys(a.stages)))];
    return {
      attempts: attempts.length,
      medianMs: round(median(attempts.map((a) => a.ms))),
      maxMs: round(Math.max(...attempts.map((a) => a.ms))),
      medianCpuMs: round(median(attempts.map((a) => a.cpuMs))),
      maxCpuMs: round(Math.max(...attempts.map((a) => a.cpuMs))),
      // Over the attempts that ran the stage (a `write` repair starts at the target stage).
      medianStagesMs: Object.fromEntries(stageNames.map((s) => [s, round(median(attempts.flatMap((a) => (s in a.stages ? [a.stages[s]] : []))))])),
      medianCheckMs: {
        compile: round(median(attempts.map((a) => a.check.compile))),
        vectors: round(median(attempts.map((a) => a.check.vectors))),
        soundness: round(median(attempts.map((a) => a.check.soundness))),
      },
      medianFinishMs: round(median(results.filter((r) => r.lang === lang).map((r) => r.finish?.ms ?? 0))),
    };
  };
  return { circom: byLang('circom'), noir: byLang('noir') };
}

/** The `attempts` section of loop.json: every entry (the quick form: the smallest and the largest) in both languages, one language at a time. */
export async function attemptsSection(options: { quick: boolean; backends: Record<Lang, Backend>; home: string; knowledgeBase: KnowledgeBase; entries: KnowledgeEntry[]; onResult?: (result: EntryAttempts) => void }) {
  const chosen = options.quick ? ATTEMPT_ENTRIES.filter((e) => QUICK_ATTEMPT_ENTRIES.includes(e.name ?? e.id)) : ATTEMPT_ENTRIES;
  const work = mkdtempSync(join(tmpdir(), 'zkcoder-bench-attempts-'));
  const store = new RunStore(join(work, 'runs'));
  const results: EntryAttempts[] = [];
  let warmUpMs = 0;
  const calls: Timed[] = [];
  const timed = { circom: timedBackend(options.backends.circom, calls), noir: timedBackend(options.backends.noir, calls) };
  try {
    warmUpMs = await warmUp(timed, options.entries);
    for (const task of chosen) {
      const entry = options.entries.find((e) => e.id === task.id);
      if (!entry) throw new Error(`no knowledge-base entry ${task.id}`);
      for (const lang of ['circom', 'noir'] as const) {
        const outDir = join(work, `${task.name ?? task.id}-${lang}`);
        const result = await timeAttempts({ entry, lang, task, backend: timed[lang], calls, knowledgeBase: options.knowledgeBase, store, home: options.home, outDir });
        options.onResult?.(result);
        results.push(result);
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return {
    statistic: 'after a warm-up (one check and proof of is-zero per language: toolchain workers, z3, proving keys of the process), per attempt: wall time of the loop\'s own work (the scripted model\'s reply taken out) and CPU time of this process (all threads) and its child processes (the toolchains\' compiler processes); stages as the loop reports them; check split by a timing wrapper around the backend (soundness = from the last compile or vector run to the language\'s report). finish = prove + output after the verifying attempt. One run per entry and language, warm backends lent to the run.',
    warmUpMs: round(warmUpMs),
    medians: attemptMedians(results),
    entries: results,
  };
}

/**
 * What a process pays once, not per attempt (toolchain workers, noir_wasm, z3, the curves): one
 * check and proof of a small entry per language, as bench:loop's checks before this section do.
 */
async function warmUp(backends: Record<Lang, Backend>, entries: KnowledgeEntry[]): Promise<number> {
  const start = performance.now();
  warmToolchains(backends, ['circom', 'noir']); // the loop's own warm-up, done here once for the lent backends
  const entry = entries.find((e) => e.id === 'is-zero')!;
  const vectors = await loadTestVectors(join(entry.dir, 'vectors.json'));
  for (const circuit of [await circomCircuit(entry), await noirCircuit(entry)]) {
    const report = await checkCircuit({ backend: backends[circuit!.lang], circuit: circuit!, vectors, prove: true });
    if (!report.passed) throw new Error(`warm-up: ${report.summary}`);
  }
  return performance.now() - start;
}
