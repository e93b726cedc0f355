import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { appendInsideSync, mkdirInsideSync, writeInsideSync } from '../../compiler-harness/files/write-gate.js';
import { STAGES, type AgentEvent, type RunMode, type Stage } from '../events.js';
import { redact, redactedJson } from '../model/redaction.js';
import { newRunId, openRunFolder, RUN_ID_PATTERN, saveRunState } from './run-folder.js';
import { readEvents, readRunState } from './state-file.js';

export type RunStatus = 'running' | 'done' | 'failed' | 'interrupted';

/** What is needed to show a run and to resume it. */
export interface RunState {
  id: string;
  task: string;
  mode: RunMode;
  status: RunStatus;
  createdAt: string;
  updatedAt: string;
  /** The options the run was started with (serialisable), so `--resume` continues with the same ones. */
  options: Record<string, unknown>;
  completedStages: Stage[];
  /** Results of completed stages, read back on resume. */
  results: Record<string, unknown>;
  summary?: string;
}

export { assertRunId, RUN_ID_PATTERN, RunIdError } from './run-folder.js';

/**
 * Runs persisted under `<root>/<id>/`: `state.json`, `events.jsonl`, `transcript.jsonl` (every model
 * request and response), `attempts/<n>/` (each attempt's sketch, code and report) and `final/`.
 * Appends are synchronous so an interrupted process leaves every event it emitted on disk. Everything
 * written is redacted first: a key echoed in an error or an answer never reaches the disk.
 */
export class RunStore {
  constructor(readonly root = join(process.cwd(), '.zkcoder', 'runs')) {}

  create(task: string, mode: RunMode, options: Record<string, unknown>, now = new Date()): Run {
    const id = newRunId(now);
    const state: RunState = {
      id,
      task,
      mode,
      status: 'running',
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
      options,
      completedStages: [],
      results: {},
    };
    const run = new Run(join(this.root, id), state);
    run.save();
    return run;
  }

  /** The run `id` (a run id, never a path) under this store's root. */
  open(id: string): Run {
    const { dir, state } = openRunFolder(this.root, id, readRunState, { run: 'run', whereToFind: 'see zkcoder runs list' });
    return new Run(dir, state);
  }

  /** Every run, newest first. */
  list(): RunState[] {
    if (!existsSync(this.root)) return [];
    return readdirSync(this.root)
      .filter((name) => RUN_ID_PATTERN.test(name) && existsSync(join(this.root, name, 'state.json')))
      .map((name) => readRunState(join(this.root, name, 'state.json')))
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  }
}

export class Run {
  constructor(
    readonly dir: string,
    readonly state: RunState,
  ) {
    mkdirInsideSync(dirname(dir), basename(dir));
  }

  get id(): string {
    return this.state.id;
  }

  recordEvent(event: AgentEvent): void {
    appendInsideSync(this.dir, 'events.jsonl', `${redactedJson(event)}\n`);
  }

  /** Every model request, and what came back: a response, or the error that ended the request. */
  recordTranscript(entry: { role: 'request' | 'response' | 'error'; purpose: string; content: unknown }): void {
    appendInsideSync(this.dir, 'transcript.jsonl', `${redactedJson({ at: new Date().toISOString(), ...entry })}\n`);
  }

  /** Write an attempt's files (sketch, code, report) under `attempts/<n>/`. */
  writeAttempt(attempt: number, files: Record<string, string>): void {
    this.writeFiles(join('attempts', String(attempt)), files);
  }

  /** Whether attempt `n` left any file (a resumed run never writes over one that did). */
  hasAttempt(attempt: number): boolean {
    const dir = join(this.dir, 'attempts', String(attempt));
    return existsSync(dir) && readdirSync(dir).length > 0;
  }

  /** Files under `folder` of the run; a name that would leave the run folder is refused (WriteRefused). */
  writeFiles(folder: string, files: Record<string, string | Uint8Array>): string[] {
    return Object.entries(files).map(([path, content]) =>
      writeInsideSync(join(this.dir, folder), path, typeof content === 'string' ? redact(content) : content),
    );
  }

  completeStage(stage: Stage, result: unknown): void {
    if (!this.state.completedStages.includes(stage)) this.state.completedStages.push(stage);
    this.state.results[stage] = result;
    this.save();
  }

  /** Keep a value in the run's state, saved at once (the model loop's memory between stages). */
  keep(name: string, value: unknown): void {
    this.state.results[name] = value;
    this.save();
  }

  /**
   * Forget `stage` and every later one: a repair goes back to it, so a resumed run must redo it.
   * Their results stay until the stage completes again (the loop keeps its own memory).
   */
  reopenStages(stage: Stage): void {
    const from = STAGES.indexOf(stage);
    this.state.completedStages = this.state.completedStages.filter((s) => STAGES.indexOf(s) < from);
    this.save();
  }

  finish(status: RunStatus, summary?: string): void {
    this.state.status = status;
    this.state.summary = summary;
    this.save();
  }

  events(): AgentEvent[] {
    const file = join(this.dir, 'events.jsonl');
    if (!existsSync(file)) return [];
    return readEvents(file);
  }

  save(): void {
    saveRunState(this.dir, this.state);
  }
}
