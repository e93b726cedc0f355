import { availableParallelism, loadavg } from 'node:os';
import type { Lang } from '../types.js';

/**
 * How long the soundness analysis may run when the caller names no budget: in proportion to the
 * circuit, capped. A small circuit is settled (or broken) in milliseconds by propagation and the
 * local moves, so a fixed 10 s was mostly spent by clean circuits proving nothing more; a large
 * one still gets the full cap. An explicit budget (`--soundness-budget`, the benchmarks'
 * `--budget`) is used as given.
 *
 * Circom: `size` is the constraint count. Noir: the ACIR opcode count of the program (the attack's
 * cost is executions of it, one per alternative hint answer); without an explicit budget the Noir
 * search's clock starts once the rewritten program is compiled.
 *
 * The phases' deadlines are wall-clock times, so on a loaded machine the same budget buys less
 * search: the default grows with the load (1-minute load average per core, between 1× and 3×).
 */
export const SOUNDNESS_BUDGET_CAP_MS = 10_000;

const SCALE: Record<Lang, { baseMs: number; perUnitMs: number; floorMs: number }> = {
  circom: { baseMs: 1_500, perUnitMs: 8, floorMs: 2_000 },
  noir: { baseMs: 1_200, perUnitMs: 6, floorMs: 1_500 },
};
const MAX_CONTENTION = 3;
/** The longest a default budget gets (the cap on a machine loaded 3× or more). */
export const LONGEST_DEFAULT_BUDGET_MS = SOUNDNESS_BUDGET_CAP_MS * MAX_CONTENTION;

export function proportionalBudgetMs(lang: Lang, size: number, capMs = SOUNDNESS_BUDGET_CAP_MS): number {
  const { baseMs, perUnitMs, floorMs } = SCALE[lang];
  const scaled = Math.min(capMs, Math.max(floorMs, baseMs + perUnitMs * Math.max(0, size)));
  return Math.round(scaled * contention());
}

/** Runnable threads per core over the last minute, clamped to [1, MAX_CONTENTION]. */
export function contention(): number {
  const perCore = loadavg()[0] / Math.max(1, availableParallelism());
  return Math.min(MAX_CONTENTION, Math.max(1, perCore));
}
