import { createBackend } from '../compiler-harness/index.js';
import { disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import type { Backend, Lang } from '../compiler-harness/types.js';
import { KnowledgeBase } from '../knowledge-base/search.js';
import { stamp, type AgentEvent, type AgentEventInput } from './events.js';
import { runKnowledgeMode } from './knowledge-mode/run-knowledge-mode.js';
import { redactValue } from './model/redaction.js';
import { addResponseUsage, noUsage, type RunUsage } from './model/usage.js';
import { runModelLoop } from './model-loop/run-model-loop.js';
import type { AgentOptions, ResolvedOptions, RunContext, RunOutcome } from './run-context.js';
import { chooseOutputFolder } from './runs/output-choice.js';
import { RunStore, type Run } from './runs/run-store.js';

export interface AgentResult extends RunOutcome {
  runId: string;
  runDir: string;
  /** What the model spent over the whole run (a resumed run included): requests, tokens, cost when known. */
  usage: RunUsage;
}

/**
 * Generate a verified circuit for a task: an async generator of events, persisted as they happen.
 * With a model, the model writes a sketch that is checked, lowered, tested, attacked, repaired and
 * proved; without one, the knowledge base answers and goes through the same checks.
 */
export async function* runAgent(options: AgentOptions): AsyncGenerator<AgentEvent, AgentResult> {
  const now = options.now ?? (() => new Date());
  const store = options.store ?? new RunStore();
  // A run that cannot be opened (or resumed as asked) is the user's input problem: say so, change nothing.
  const opened = openRun(store, options);
  if (!opened.ok) {
    yield stamp({ type: 'error', message: opened.message }, now);
    return { ok: false, summary: opened.message, outputs: [], constraintCounts: {}, iterations: 0, runId: options.resume ?? '', runDir: '', usage: noUsage() };
  }
  const { run, notices, outDir } = opened;
  // Kept in state.json after every response, so an interrupted run still says what it spent.
  let usage = (run.state.results.usage as RunUsage | undefined) ?? noUsage();
  run.keep('usage', usage);
  const resolved = resolveOptions(options, run, outDir);
  const emit = (event: AgentEventInput): AgentEvent => {
    const stamped = stamp(event, now);
    run.recordEvent(stamped);
    if (event.type === 'model-response') {
      usage = addResponseUsage(usage, event);
      run.keep('usage', usage);
    }
    return stamped;
  };
  const owned: Backend[] = [];
  let outcome: RunOutcome = { ok: false, summary: 'interrupted', outputs: [], constraintCounts: {}, iterations: 0 };
  try {
    yield emit({
      type: 'run-start',
      runId: run.id,
      task: resolved.task,
      mode: run.state.mode,
      model: run.state.mode === 'model' ? resolved.model?.id : undefined,
      languages: resolved.languages,
      resumedFrom: options.resume ? run.state.completedStages.at(-1) : undefined,
    });
    for (const message of notices) yield emit({ type: 'notice', level: 'info', message });
    const context: RunContext = {
      options: resolved,
      run,
      knowledgeBase: withoutExcluded(options.knowledgeBase ?? (await KnowledgeBase.open({ home: options.home })), options.excludeEntries),
      backends: await backendsFor(resolved.languages, options.backends, owned),
    };
    for (const message of context.knowledgeBase.skipped) yield emit({ type: 'notice', level: 'warning', message });
    const model = run.state.mode === 'model';
    const stages = model ? runModelLoop(context) : runKnowledgeMode(context);
    for (;;) {
      // The model loop stops itself on abort (a stop condition) and saves where it was.
      if (!model && options.signal?.aborted) throw new AbortError();
      const next = await stages.next();
      if (next.done) {
        outcome = next.value;
        break;
      }
      yield emit(next.value);
    }
    if (outcome.interrupted) throw new AbortError();
    run.finish(outcome.ok ? 'done' : 'failed', outcome.summary);
    yield emit({ type: 'done', ok: outcome.ok, summary: outcome.summary, outputs: outcome.outputs, constraintCounts: outcome.constraintCounts, iterations: outcome.iterations, usage });
  } catch (error) {
    const aborted = error instanceof AbortError || options.signal?.aborted;
    const summary = aborted ? `aborted by the user; the run is saved: zkcoder generate --resume ${run.id}` : (error as Error).message;
    outcome = { ...outcome, ok: false, summary };
    run.finish(aborted ? 'interrupted' : 'failed', outcome.summary);
    yield emit({ type: 'error', message: outcome.summary });
  } finally {
    for (const backend of owned) await backend.dispose();
    // A caller that lends its backends (eval, benchmarks) runs many tasks in one process: the
    // analysis thread (z3, noir_wasm, compiled programs) stays warm for the next run. It is unref'd,
    // so it never keeps the process alive.
    if (!options.backends) await disposeSoundnessAnalysis();
  }
  return redactValue({ ...outcome, runId: run.id, runDir: run.dir, usage });
}

class AbortError extends Error {}

function withoutExcluded(knowledgeBase: KnowledgeBase, excluded: string[] | undefined): KnowledgeBase {
  return excluded?.length ? knowledgeBase.without(excluded) : knowledgeBase;
}

type OpenedRun = { ok: true; run: Run; notices: string[]; outDir?: string } | { ok: false; message: string };

/**
 * A new run, or the one to resume. A model run resumes only with a model (the same one, ideally):
 * without one it would silently become a different kind of run, so the user must say so. The output
 * folder is checked first: a run that may not write there changes nothing.
 */
function openRun(store: RunStore, options: AgentOptions): OpenedRun {
  const output = { outDir: options.outDir, force: options.force, workingDir: options.workingDir };
  if (!options.resume) {
    const chosen = chooseOutputFolder(output);
    if (!chosen.ok) return chosen;
    const { task, languages, strategy, maxIterations, prove, assumptions } = options;
    const outDir = chosen.outDir;
    const run = store.create(task, options.model ? 'model' : 'knowledge-base', { task, languages, strategy, maxIterations, outDir, prove, assumptions, model: options.model?.id }, options.now?.());
    return { ok: true, run, notices: [], outDir };
  }
  let run: Run;
  try {
    run = store.open(options.resume);
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
  const chosen = chooseOutputFolder({ ...output, saved: run.state.options?.outDir, runId: run.id });
  if (!chosen.ok) return chosen;
  const started = run.state.options.model as string | undefined;
  const notices: string[] = [];
  if (run.state.mode === 'model' && !options.model) {
    if (!options.noModel) {
      return { ok: false, message: `run ${run.id} was started with the model ${started}: configure the same model to resume it (flags, environment or zkcoder.config.json), or pass --provider none to finish it from the knowledge base` };
    }
    // Switching to the knowledge base starts its stages afresh; the model's attempts stay on disk.
    run.state.mode = 'knowledge-base';
    run.reopenStages('sketch');
    notices.push(`run ${run.id} was started with the model ${started}; with the model switched off it finishes from the knowledge base`);
  } else if (run.state.mode === 'model' && options.model && options.model.id !== started) {
    notices.push(`run ${run.id} was started with the model ${started}; it continues with ${options.model.id}`);
  } else if (run.state.mode === 'knowledge-base' && options.model) {
    notices.push(`run ${run.id} was started without a model; it continues from the knowledge base`);
  }
  run.state.status = 'running';
  run.save();
  return { ok: true, run, notices, outDir: chosen.outDir };
}

function resolveOptions(options: AgentOptions, run: Run, outDir: string | undefined): ResolvedOptions {
  // A resumed run keeps the task and settings it started with.
  const saved = options.resume ? (run.state.options as Partial<AgentOptions>) : {};
  return {
    ...options,
    task: saved.task ?? options.task,
    languages: saved.languages ?? options.languages ?? ['circom', 'noir'],
    maxIterations: saved.maxIterations ?? options.maxIterations ?? 5,
    strategy: saved.strategy ?? options.strategy ?? 'lower',
    // Checked by chooseOutputFolder: the user's --out, else the saved folder when it is safe.
    outDir,
    prove: saved.prove ?? options.prove,
    assumptions: saved.assumptions ?? options.assumptions,
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
