import { createBackend } from '../compiler-harness/index.js';
import { disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import type { Backend, Lang } from '../compiler-harness/types.js';
import { KnowledgeBase } from '../knowledge-base/search.js';
import type { LanguageModel } from '../agent/model/types.js';
import type { UsageMeter } from '../agent/model/usage.js';
import { agentRunsFolder, askQuestion, attemptProgram, type AttemptOutcome } from './attempt.js';
import { attemptKey, EvalStore, type AttemptRecord, type EvalRun, type EvalSettings, type Mode } from './eval-store.js';
import { summarize, type EvalSummary } from './score.js';
import { loadZkcoderTasks, suiteFiles, TaskFileError } from './load-tasks.js';
import { isQuestion, type EvalTask } from './task-format.js';
import { loadTransZkEvalTasks } from './transzkeval.js';

/** Input the user can fix (no model, a run that does not exist): the CLI prints it and exits 2. */
export class EvalInputError extends Error {
  override name = 'EvalInputError';
}

export interface EvalOptions {
  /** The tasks, loaded (see `loadEvalTasks`); the settings pick levels, languages and modes among them. */
  tasks: EvalTask[];
  settings: EvalSettings;
  model?: LanguageModel;
  meter?: UsageMeter;
  store?: EvalStore;
  /** Continue this eval run: attempts with a result (model errors excepted) are not run again. */
  resume?: string;
  /** Attempts run at once (default 1). */
  concurrency?: number;
  knowledgeBase?: KnowledgeBase;
  home?: string;
  soundnessBudgetMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

export type EvalEvent =
  | { type: 'eval-start'; runId: string; dir: string; model?: string; planned: number; alreadyDone: number; at: string }
  | { type: 'attempt-start'; key: string; at: string }
  | { type: 'attempt-end'; record: AttemptRecord; at: string }
  | { type: 'eval-end'; runId: string; dir: string; interrupted: boolean; summary: EvalSummary; at: string };

export interface EvalResult {
  runId: string;
  dir: string;
  interrupted: boolean;
  records: AttemptRecord[];
  summary: EvalSummary;
}

interface WorkItem {
  task: EvalTask;
  lang: Lang;
  mode: Mode;
  sample: number;
  key: string;
}

/**
 * The benchmark loop: tasks × languages × modes × samples, `concurrency` at a time. Each attempt is
 * graded and appended to the run's results as soon as it ends, so a crash or Ctrl-C loses nothing
 * finished, and `--resume` runs only what is missing (and what failed for the model's sake).
 */
export async function* runEval(options: EvalOptions): AsyncGenerator<EvalEvent, EvalResult> {
  const now = () => (options.now ?? (() => new Date()))().toISOString();
  if (!options.model) throw new EvalInputError('zkcoder eval needs a model: every level asks one (configure a provider with flags, the environment or zkcoder.config.json; --provider none has nothing to measure)');
  const model = options.model;
  const store = options.store ?? new EvalStore();
  const run = openRun(store, options);
  const done = run.finishedKeys();
  const items = planAttempts(options.tasks, run.state.settings);
  const todo = items.filter((item) => !done.has(item.key));
  yield { type: 'eval-start', runId: run.id, dir: run.dir, model: model.id, planned: items.length, alreadyDone: items.length - todo.length, at: now() };
  // Opened only when an agent mode needs it (questions and direct prompts never search it).
  let opening: Promise<KnowledgeBase> | undefined = options.knowledgeBase && Promise.resolve(options.knowledgeBase);
  const knowledgeBase = () => (opening ??= KnowledgeBase.open({ home: options.home }));
  const slots: Partial<Record<Lang, Backend>>[] = [];
  const events: EvalEvent[] = [];
  let wake: (() => void) | undefined;
  const push = (event: EvalEvent) => {
    events.push(event);
    wake?.();
  };
  let failure: unknown;
  // Set when the consumer stops reading: no new attempt starts, the ones running finish and are kept.
  let abandoned = false;
  let next = 0;
  const worker = async (slot: Partial<Record<Lang, Backend>>) => {
    while (next < todo.length && !options.signal?.aborted && failure === undefined && !abandoned) {
      const item = todo[next++];
      push({ type: 'attempt-start', key: item.key, at: now() });
      try {
        // Questions compile nothing: their language's toolchain is loaded only for programs. A slot's
        // backend compiles the attempts of the run that land on it (at least one each).
        const backend = isQuestion(item.task) ? undefined : (slot[item.lang] ??= await createBackend(item.lang, { compiles: programsPerSlot(item.lang) }));
        const needsKnowledge = !isQuestion(item.task) && item.mode !== 'direct';
        const record = await runAttempt(item, { run, model, meter: options.meter, backend, knowledgeBase: needsKnowledge ? await knowledgeBase() : undefined, settings: run.state.settings, soundnessBudgetMs: options.soundnessBudgetMs, signal: options.signal });
        // An attempt cut short by the user is not a result: it runs again on resume.
        if (options.signal?.aborted && record.status === 'model-error') continue;
        run.record(record);
        push({ type: 'attempt-end', record, at: now() });
      } catch (error) {
        failure ??= error;
      }
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 1, todo.length || 1));
  // About how many programs a slot's backend compiles: the run's programs in its language, shared by the slots.
  const programsPerSlot = (lang: Lang) => Math.ceil(todo.filter((item) => item.lang === lang && !isQuestion(item.task)).length / concurrency);
  let finished = false;
  const workers = Promise.all(Array.from({ length: concurrency }, () => worker(slots[slots.push({}) - 1]))).finally(() => {
    finished = true;
    wake?.();
  });
  try {
    while (!finished || events.length) {
      if (!events.length) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          if (finished) resolve();
        });
      }
      wake = undefined;
      while (events.length) yield events.shift()!;
    }
    await workers;
    if (failure !== undefined) throw failure;
  } finally {
    abandoned = true;
    await workers;
    for (const slot of slots) for (const backend of Object.values(slot)) await backend?.dispose();
    await disposeSoundnessAnalysis();
  }
  const interrupted = options.signal?.aborted === true;
  run.finish(interrupted ? 'interrupted' : 'done');
  const records = recordsOf(run, items);
  const summary = summarize(records, run.state.settings.samples);
  yield { type: 'eval-end', runId: run.id, dir: run.dir, interrupted, summary, at: now() };
  return { runId: run.id, dir: run.dir, interrupted, records, summary };
}

function openRun(store: EvalStore, options: EvalOptions): EvalRun {
  if (!options.resume) return store.create(options.settings, options.model?.id, options.now?.());
  let run: EvalRun;
  try {
    run = store.open(options.resume);
  } catch (error) {
    throw new EvalInputError((error as Error).message);
  }
  run.state.status = 'running';
  run.save();
  return run;
}

/** Every attempt the settings ask for, in task order. Level 1 is asked directly in every mode: the agent has no part in it. */
export function planAttempts(tasks: EvalTask[], settings: EvalSettings): WorkItem[] {
  const items: WorkItem[] = [];
  const filter = settings.filter ? new RegExp(settings.filter) : undefined;
  for (const task of tasks) {
    if (!settings.levels.includes(task.level) || (filter && !filter.test(task.id))) continue;
    const langs = isQuestion(task) ? [task.lang] : task.langs;
    const modes: Mode[] = isQuestion(task) ? ['direct'] : settings.modes;
    for (const lang of langs.filter((l) => settings.langs.includes(l))) {
      for (const mode of modes) {
        for (let sample = 1; sample <= settings.samples; sample++) items.push({ task, lang, mode, sample, key: attemptKey(task.id, lang, mode, sample) });
      }
    }
  }
  return items;
}

async function runAttempt(
  item: WorkItem,
  tools: { run: EvalRun; model: LanguageModel; meter?: UsageMeter; backend?: Backend; knowledgeBase?: KnowledgeBase; settings: EvalSettings; soundnessBudgetMs?: number; signal?: AbortSignal },
): Promise<AttemptRecord> {
  const { task, lang, mode, sample, key } = item;
  const start = performance.now();
  const outcome: AttemptOutcome = isQuestion(task)
    ? await askQuestion(task, tools)
    : await attemptProgram(task, lang, mode, { ...tools, backend: tools.backend!, agentRuns: agentRunsFolder(tools.run.dir), maxIterations: tools.settings.maxIterations, strategy: tools.settings.strategy });
  const files = tools.run.writeAttempt(key, outcome.files);
  if (outcome.agentRun) files['agent-run'] = outcome.agentRun;
  const { grade } = outcome;
  return {
    key,
    taskId: task.id,
    level: task.level,
    category: task.category,
    lang,
    mode,
    sample,
    status: grade.passed ? 'passed' : grade.failure === 'model-error' ? 'model-error' : 'failed',
    failure: grade.failure,
    detail: grade.detail,
    inputTokens: outcome.inputTokens,
    outputTokens: outcome.outputTokens,
    costUsd: outcome.costUsd,
    timeMs: Math.round(performance.now() - start),
    iterations: outcome.iterations,
    excluded: isQuestion(task) || mode === 'direct' ? [] : task.leaks,
    files,
    at: new Date().toISOString(),
  };
}

/** The latest record of each planned attempt (a resumed run may hold records of tasks filtered out since). */
function recordsOf(run: EvalRun, items: WorkItem[]): AttemptRecord[] {
  const planned = new Set(items.map((i) => i.key));
  return run.results().filter((r) => planned.has(r.key));
}

/**
 * The task files an eval uses: the given ones, or the shipped suite's files for the levels asked
 * (levels 1–3 of `eval/suite`). External formats go through their adapter.
 */
export function taskFilesFor(options: { tasks?: string[]; levels: EvalSettings['levels']; suiteDir?: string }): string[] {
  return options.tasks?.length ? options.tasks : suiteFiles(options.levels, options.suiteDir);
}

/** Every task of the settings' files, in file order; ids must be unique across files. */
export function loadEvalTasks(settings: Pick<EvalSettings, 'taskFiles' | 'format'>): EvalTask[] {
  const tasks: EvalTask[] = [];
  const seen = new Map<string, string>();
  for (const file of settings.taskFiles) {
    const loaded = settings.format === 'transzkeval' ? loadTransZkEvalTasks(file) : loadZkcoderTasks(file);
    for (const task of loaded) {
      const earlier = seen.get(task.id);
      if (earlier) throw new TaskFileError(`${task.source}: id "${task.id}" is already used at ${earlier}`);
      seen.set(task.id, task.source);
      tasks.push(task);
    }
  }
  return tasks;
}
