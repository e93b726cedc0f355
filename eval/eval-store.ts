import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { appendInsideSync, mkdirInsideSync, writeInsideSync } from '../compiler-harness/files/write-gate.js';
import { redact, redactedJson } from '../agent/model/redaction.js';
import { newRunId, openRunFolder, saveRunState } from '../agent/runs/run-folder.js';
import { parseJsonData } from '../compiler-harness/json-data.js';
import type { Lang } from '../compiler-harness/types.js';
import type { FailureKind } from './grade.js';

export const MODES = ['direct', 'sketch', 'retrieval', 'full'] as const;
export type Mode = (typeof MODES)[number];

/** One graded attempt: a task, in one language and mode, one sample. */
export interface AttemptRecord {
  /** `task/lang/mode/sample`: the unit `--resume` skips once it has a result. */
  key: string;
  taskId: string;
  level: 1 | 2 | 3;
  category: string;
  lang: Lang;
  mode: Mode;
  sample: number;
  /** `model-error` is not the circuit's failure: such attempts run again on resume. */
  status: 'passed' | 'failed' | 'model-error';
  failure?: FailureKind;
  detail: string;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  timeMs: number;
  /** Agent attempts (1 for direct prompts and questions). */
  iterations: number;
  /** Entries hidden from retrieval for this task (leave-one-out). */
  excluded: string[];
  /** Files of this attempt, relative to the eval run's folder: the answer, the code, the check report, the agent run. */
  files: Record<string, string>;
  at: string;
}

/** What an eval run was started with, so `--resume` continues with the same tasks and settings. */
export interface EvalSettings {
  levels: (1 | 2 | 3)[];
  langs: Lang[];
  modes: Mode[];
  samples: number;
  taskFiles: string[];
  format: 'zkcoder' | 'transzkeval';
  filter?: string;
  maxIterations: number;
  strategy: 'lower' | 'write';
}

export interface EvalState {
  id: string;
  createdAt: string;
  updatedAt: string;
  model?: string;
  status: 'running' | 'done' | 'interrupted';
  settings: EvalSettings;
}

function endsWithNewline(file: string): boolean {
  const size = statSync(file).size;
  if (size === 0) return true;
  const fd = openSync(file, 'r');
  try {
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    closeSync(fd);
  }
}

export function attemptKey(taskId: string, lang: Lang, mode: Mode, sample: number): string {
  return `${taskId}/${lang}/${mode}/${sample}`;
}

/**
 * Eval runs under `<root>/<id>/`: `state.json`, `results.jsonl` (one line per graded attempt,
 * appended synchronously as each ends, so a crash loses nothing finished), `attempts/…` (each
 * attempt's answer, code and check report) and `agent-runs/` (the agent's own run folders).
 */
export class EvalStore {
  constructor(readonly root = join(process.cwd(), '.zkcoder', 'evals')) {}

  create(settings: EvalSettings, model: string | undefined, now = new Date()): EvalRun {
    const id = newRunId(now);
    const state: EvalState = { id, createdAt: now.toISOString(), updatedAt: now.toISOString(), model, status: 'running', settings };
    const run = new EvalRun(join(this.root, id), state);
    run.save();
    return run;
  }

  open(id: string): EvalRun {
    const read = (file: string) => parseJsonData(readFileSync(file, 'utf8'), { maxDepth: 128 }) as unknown as EvalState;
    const { dir, state } = openRunFolder(this.root, id, read, { run: 'eval run', whereToFind: `eval run ids are printed by zkcoder eval and name the folders in ${this.root}` });
    return new EvalRun(dir, state);
  }
}

export class EvalRun {
  constructor(
    readonly dir: string,
    readonly state: EvalState,
  ) {
    mkdirInsideSync(dir, '.');
  }

  get id(): string {
    return this.state.id;
  }

  /** The latest record of every attempt (a retried attempt's later line wins). */
  results(): AttemptRecord[] {
    const file = join(this.dir, 'results.jsonl');
    if (!existsSync(file)) return [];
    const latest = new Map<string, AttemptRecord>();
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      let record: AttemptRecord;
      try {
        record = JSON.parse(line) as AttemptRecord;
      } catch {
        // A line cut short by a crash mid-write: that attempt simply runs again.
        continue;
      }
      latest.set(record.key, record);
    }
    return [...latest.values()];
  }

  /** Attempts that need no rerun: every one with a result that is not a model error. */
  finishedKeys(): Set<string> {
    return new Set(this.results().filter((r) => r.status !== 'model-error').map((r) => r.key));
  }

  record(result: AttemptRecord): void {
    const file = join(this.dir, 'results.jsonl');
    // After a crash mid-write the file may end inside a line: start a fresh one, or this record is lost with it.
    const cut = existsSync(file) && !endsWithNewline(file);
    appendInsideSync(this.dir, 'results.jsonl', `${cut ? '\n' : ''}${redactedJson(result)}\n`);
  }

  /** Write an attempt's files under `attempts/<task>/<lang>-<mode>-<sample>/`; returns their paths relative to the run. */
  writeAttempt(key: string, files: Record<string, string>): Record<string, string> {
    const [task, lang, mode, sample] = key.split('/');
    const folder = join('attempts', task, `${lang}-${mode}-${sample}`);
    const written: Record<string, string> = {};
    // File names may come from a model (written circuits): the gate keeps them inside the attempt.
    for (const [name, content] of Object.entries(files)) {
      writeInsideSync(join(this.dir, folder), name, redact(content));
      written[name] = join(folder, name);
    }
    return written;
  }

  finish(status: EvalState['status']): void {
    this.state.status = status;
    this.save();
  }

  save(): void {
    saveRunState(this.dir, this.state);
  }
}
