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
 */
export const SOUNDNESS_BUDGET_CAP_MS = 10_000;

const SCALE: Record<Lang, { baseMs: number; perUnitMs: number; floorMs: number }> = {
  circom: { baseMs: 1_000, perUnitMs: 6, floorMs: 1_500 },
  noir: { baseMs: 1_200, perUnitMs: 6, floorMs: 1_500 },
};

export function proportionalBudgetMs(lang: Lang, size: number, capMs = SOUNDNESS_BUDGET_CAP_MS): number {
  const { baseMs, perUnitMs, floorMs } = SCALE[lang];
  const scaled = baseMs + perUnitMs * Math.max(0, size);
  return Math.round(Math.min(capMs, Math.max(floorMs, scaled)));
}
