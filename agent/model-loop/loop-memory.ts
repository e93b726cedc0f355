import type { CheckReport } from '../../compiler-harness/check.js';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import type { Run } from '../runs/run-store.js';
import type { StoredHit } from './retrieval.js';
import { noUsage, type RunUsage } from '../model/usage.js';

/** A sketch that passed its checks, with the vectors derived from its reference. */
export interface CheckedSketch {
  source: string;
  vectors: TestVectors;
  /** Output names in the sketch's order (a Noir program returns them as a tuple in this order). */
  outputNames: string[];
  /** Warnings on the sketch (a missing invalidInputs), repeated in the prompt of its next repair. */
  warnings?: string[];
  /** With a float reference: the integer reference's largest error in ulps (REPORT.md notes it). */
  accuracy?: string;
}

/** What the model is asked to fix next: its last answer and the report on it. */
export interface Repair {
  code: string;
  report: string;
}

/**
 * Everything the loop needs to carry on after an interruption, saved in the run's state after every
 * stage: the attempt it is in, what the model spent, the retrieved entries, the checked sketch, the
 * target code awaiting its check, the languages already verified, and what goes into the next
 * repair prompt. `completedStages` says where inside the attempt to continue.
 */
export interface LoopMemory {
  /** Attempts begun so far; attempt n writes under `attempts/n/`. */
  attempt: number;
  /** True from the start of an attempt until it ends, so a resumed run continues it rather than starting a new one. */
  attemptOpen: boolean;
  usage: RunUsage;
  /** Retrieved by the task's words before the first sketch. */
  taskHits?: StoredHit[];
  /** Retrieved for the latest sketch. */
  hits?: StoredHit[];
  sketch?: CheckedSketch;
  /** The last sketch that failed, and why: the next sketch prompt repairs it. */
  sketchRepair?: Repair;
  /** Target code written in this attempt, not checked yet. */
  circuits?: Partial<Record<Lang, TargetCircuit>>;
  /** Languages whose code passed every check: kept as they are, never asked for again. */
  passed: Partial<Record<Lang, { circuit: TargetCircuit; report: CheckReport }>>;
  /** Languages whose code failed (write strategy): the code and report for the repair prompt. */
  codeRepair: Partial<Record<Lang, Repair>>;
  /** The last circuit written for each language, checked or not: the run's answer even when unverified. */
  written?: Partial<Record<Lang, TargetCircuit>>;
}

const KEY = 'loop';

export function loadMemory(run: Run): LoopMemory {
  const saved = run.state.results[KEY] as LoopMemory | undefined;
  if (saved) return saved;
  // A run saved without the loop's memory (by an older zkcoder) cannot continue mid-attempt: start
  // a new attempt, numbered after the ones on disk so none is written over.
  let attempt = 0;
  while (run.hasAttempt(attempt + 1)) attempt++;
  if (run.state.completedStages.length) run.reopenStages('sketch');
  return { attempt, attemptOpen: false, usage: noUsage(), passed: {}, codeRepair: {} };
}

/** Save the memory in the run's state.json (bigints in reports become decimal strings). */
export function saveMemory(run: Run, memory: LoopMemory): void {
  run.keep(KEY, JSON.parse(JSON.stringify(memory, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value))));
}
