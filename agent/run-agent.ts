import { createBackend } from '../compiler-harness/index.js';
import { disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import type { Backend, Lang } from '../compiler-harness/types.js';
import { KnowledgeBase } from '../knowledge-base/search.js';
import { stamp, type AgentEvent, type AgentEventInput } from './events.js';
import { runKnowledgeMode } from './knowledge-mode.js';
import { runModelLoop } from './model-loop/run-model-loop.js';
import type { AgentOptions, ResolvedOptions, RunContext, RunOutcome } from './run-context.js';
import { RunStore, type Run } from './runs/run-store.js';

export interface AgentResult extends RunOutcome {
  runId: string;
  runDir: string;
}

/**
 * Generate a verified circuit for a task: an async generator of events, persisted as they happen.
 * With a model, the model writes a sketch that is checked, lowered, tested, attacked, repaired and
 * proved; without one, the knowledge base answers and goes through the same checks.
 */
export async function* runAgent(options: AgentOptions): AsyncGenerator<AgentEvent, AgentResult> {
  const now = options.now ?? (() => new Date());
  const store = options.store ?? new RunStore();
  const run = openRun(store, options);
  const resolved = resolveOptions(options, run);
  const emit = (event: AgentEventInput): AgentEvent => {
    const stamped = stamp(event, now);
    run.recordEvent(stamped);
    return stamped;
  };
  const owned: Backend[] = [];
  let outcome: RunOutcome = { ok: false, summary: 'interrupted', outputs: [], constraintCounts: {}, iterations: 0 };
  try {
    yield emit({
      type: 'run-start',
      runId: run.id,
      task: resolved.task,
      mode: resolved.model ? 'model' : 'knowledge-base',
      model: resolved.model?.id,
      languages: resolved.languages,
      resumedFrom: options.resume ? run.state.completedStages.at(-1) : undefined,
    });
    const context: RunContext = {
      options: resolved,
      run,
      knowledgeBase: options.knowledgeBase ?? (await KnowledgeBase.open({ home: options.home })),
      backends: await backendsFor(resolved.languages, options.backends, owned),
    };
    const stages = resolved.model ? runModelLoop(context) : runKnowledgeMode(context);
    for (;;) {
      if (options.signal?.aborted) throw new AbortError();
      const next = await stages.next();
      if (next.done) {
        outcome = next.value;
        break;
      }
      yield emit(next.value);
    }
    run.finish(outcome.ok ? 'done' : 'failed', outcome.summary);
    yield emit({ type: 'done', ok: outcome.ok, summary: outcome.summary, outputs: outcome.outputs, constraintCounts: outcome.constraintCounts, iterations: outcome.iterations });
  } catch (error) {
    const aborted = error instanceof AbortError || options.signal?.aborted;
    outcome = { ...outcome, ok: false, summary: aborted ? 'aborted by the user; the run is saved and can be resumed' : (error as Error).message };
    run.finish(aborted ? 'interrupted' : 'failed', outcome.summary);
    yield emit({ type: 'error', message: outcome.summary });
  } finally {
    for (const backend of owned) await backend.dispose();
    await disposeSoundnessAnalysis();
  }
  return { ...outcome, runId: run.id, runDir: run.dir };
}

class AbortError extends Error {}

function openRun(store: RunStore, options: AgentOptions): Run {
  if (options.resume) {
    const run = store.open(options.resume);
    run.state.status = 'running';
    run.save();
    return run;
  }
  const { task, languages, strategy, maxIterations, outDir, prove } = options;
  return store.create(task, options.model ? 'model' : 'knowledge-base', { task, languages, strategy, maxIterations, outDir, prove, model: options.model?.id }, options.now?.());
}

function resolveOptions(options: AgentOptions, run: Run): ResolvedOptions {
  // A resumed run keeps the task and settings it started with.
  const saved = options.resume ? (run.state.options as Partial<AgentOptions>) : {};
  return {
    ...options,
    task: saved.task ?? options.task,
    languages: saved.languages ?? options.languages ?? ['circom', 'noir'],
    maxIterations: saved.maxIterations ?? options.maxIterations ?? 5,
    strategy: saved.strategy ?? options.strategy ?? 'lower',
    outDir: saved.outDir ?? options.outDir,
  };
}

async function backendsFor(languages: Lang[], given: Partial<Record<Lang, Backend>> | undefined, owned: Backend[]): Promise<Record<Lang, Backend>> {
  const backends = {} as Record<Lang, Backend>;
  for (const lang of ['circom', 'noir'] as const) {
    const backend = given?.[lang] ?? (languages.includes(lang) ? await createBackend(lang) : undefined);
    if (!backend) continue;
    if (!given?.[lang]) owned.push(backend);
    backends[lang] = backend;
  }
  return backends;
}
