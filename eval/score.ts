import { FAILURE_KINDS, type FailureKind } from './grade.js';
import type { AttemptRecord } from './eval-store.js';

/**
 * pass@k by the unbiased estimator of Chen et al. (2021): with n samples of which c pass, the chance
 * that at least one of k drawn without replacement passes, 1 − C(n−c, k) / C(n, k), computed as a
 * product so large n does not overflow.
 */
export function passAtK(n: number, c: number, k: number): number {
  if (n <= 0) return 0;
  const draws = Math.min(k, n);
  if (n - c < draws) return 1;
  let allFail = 1;
  for (let i = n - c + 1; i <= n; i++) allFail *= 1 - draws / i;
  return 1 - allFail;
}

export interface GroupScore {
  /** Graded attempts (model errors are not graded: they run again on --resume). */
  attempts: number;
  passed: number;
  /** Task × language × mode units in the group. */
  units: number;
  passAt1: number;
  passAtK: number;
  k: number;
  modelErrors: number;
  failures: Partial<Record<FailureKind, number>>;
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  timeMs: number;
  iterations: number;
}

export interface EvalSummary extends GroupScore {
  /** Same as `attempts`/`passed` at the top level, under the names scripts expect. */
  total: number;
  byLevel: Record<string, GroupScore>;
  byMode: Record<string, GroupScore>;
  byLanguage: Record<string, GroupScore>;
  byCategory: Record<string, GroupScore>;
  /** `level/mode/lang` → score: what the report's charts draw. */
  byLevelModeLanguage: Record<string, GroupScore>;
}

/** Score a set of attempt records, k being the samples per unit asked for. */
export function scoreGroup(records: AttemptRecord[], k: number): GroupScore {
  const graded = records.filter((r) => r.status !== 'model-error');
  const units = new Map<string, { n: number; c: number }>();
  for (const r of graded) {
    const unit = r.key.split('/').slice(0, 3).join('/');
    const seen = units.get(unit) ?? { n: 0, c: 0 };
    seen.n++;
    if (r.status === 'passed') seen.c++;
    units.set(unit, seen);
  }
  const mean = (f: (u: { n: number; c: number }) => number) => (units.size ? [...units.values()].reduce((sum, u) => sum + f(u), 0) / units.size : 0);
  const failures: Partial<Record<FailureKind, number>> = {};
  for (const r of records) if (r.failure) failures[r.failure] = (failures[r.failure] ?? 0) + 1;
  const priced = records.filter((r) => r.costUsd !== undefined);
  return {
    attempts: graded.length,
    passed: graded.filter((r) => r.status === 'passed').length,
    units: units.size,
    passAt1: mean((u) => passAtK(u.n, u.c, 1)),
    passAtK: mean((u) => passAtK(u.n, u.c, k)),
    k,
    modelErrors: records.length - graded.length,
    failures: Object.fromEntries(FAILURE_KINDS.filter((f) => failures[f]).map((f) => [f, failures[f]])),
    inputTokens: sum(records, (r) => r.inputTokens),
    outputTokens: sum(records, (r) => r.outputTokens),
    costUsd: priced.length ? sum(priced, (r) => r.costUsd!) : undefined,
    timeMs: sum(records, (r) => r.timeMs),
    iterations: sum(records, (r) => r.iterations),
  };
}

/** The whole run's scores, and per level, mode, language, category and level × mode × language. */
export function summarize(records: AttemptRecord[], k: number): EvalSummary {
  const by = (key: (r: AttemptRecord) => string) => {
    const groups = new Map<string, AttemptRecord[]>();
    for (const r of records) groups.set(key(r), [...(groups.get(key(r)) ?? []), r]);
    return Object.fromEntries([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, group]) => [name, scoreGroup(group, k)]));
  };
  const all = scoreGroup(records, k);
  return {
    ...all,
    total: all.attempts,
    byLevel: by((r) => String(r.level)),
    byMode: by((r) => r.mode),
    byLanguage: by((r) => r.lang),
    byCategory: by((r) => `L${r.level} ${r.category}`),
    byLevelModeLanguage: by((r) => `${r.level}/${r.mode}/${r.lang}`),
  };
}

function sum(records: AttemptRecord[], value: (r: AttemptRecord) => number): number {
  return records.reduce((total, r) => total + value(r), 0);
}
