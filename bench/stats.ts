/** Median of a list of numbers (the statistic we quote). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Run `fn` `runs` times (after `warmup` unmeasured runs) and return the median wall time in ms. */
export async function timeMedian(runs: number, fn: () => Promise<unknown>, warmup = 1): Promise<{ medianMs: number; runsMs: number[] }> {
  for (let i = 0; i < warmup; i++) await fn();
  const runsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    runsMs.push(performance.now() - start);
  }
  return { medianMs: round(median(runsMs)), runsMs: runsMs.map(round) };
}

export function round(ms: number): number {
  return Math.round(ms * 10) / 10;
}
