import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel } from '../agent/model/types.js';
import { EvalStore, type EvalSettings } from './eval-store.js';
import { loadEvalTasks, runEval, type EvalEvent, type EvalOptions, type EvalResult } from './run-eval.js';
import type { EvalTask } from './task-format.js';

/** Helpers shared by the eval tests: the sample tasks, settings, and a run collected to its end. */

export const SAMPLES_DIR = new URL('./samples/', import.meta.url).pathname;
export const sampleFile = (level: 1 | 2 | 3) => join(SAMPLES_DIR, `level${level}.jsonl`);
export const temporaryDir = (prefix: string) => mkdtempSync(join(tmpdir(), `zkcoder-${prefix}-`));

export function settingsFor(overrides: Partial<EvalSettings> = {}): EvalSettings {
  return {
    levels: [1, 2, 3],
    langs: ['circom', 'noir'],
    modes: ['direct'],
    samples: 1,
    taskFiles: [sampleFile(1), sampleFile(2), sampleFile(3)],
    format: 'zkcoder',
    maxIterations: 2,
    strategy: 'lower',
    ...overrides,
  };
}

export function sampleTasks(settings: EvalSettings): EvalTask[] {
  return loadEvalTasks(settings);
}

export interface CollectedEval {
  events: EvalEvent[];
  result: EvalResult;
}

/** Run an eval to its end (small soundness budget, a private store unless given). */
export async function collectEval(options: Partial<EvalOptions> & { settings: EvalSettings; model: LanguageModel }): Promise<CollectedEval> {
  const events: EvalEvent[] = [];
  const generator = runEval({ tasks: loadEvalTasks(options.settings), store: new EvalStore(temporaryDir('evals')), soundnessBudgetMs: 3000, ...options });
  for (;;) {
    const next = await generator.next();
    if (next.done) return { events, result: next.value };
    events.push(next.value);
  }
}

/** The task a prompt is about, found by its question or spec text. */
export function taskOfPrompt(tasks: EvalTask[], prompt: string): EvalTask {
  const task = tasks.find((t) => (t.level === 1 ? prompt.includes(t.question) : prompt.includes(t.spec.trim())));
  if (!task) throw new Error(`no task for the prompt: ${prompt.slice(0, 80)}`);
  return task;
}
