/**
 * Text helpers for what the model reads: short lines, repeated findings folded into one with a
 * count, and the sketch line a location points at. A model "repairs" whatever it is shown, so the
 * feedback it gets is ranked, deduplicated and short.
 */

/** Longest line the model is shown; longer text keeps its start and end. */
export const MAX_LINE = 320;

/**
 * `text` cut to `max` characters, keeping its start and its end (where a message usually says
 * where, and why). Example: `shorten('a'.repeat(1000), 20)` is 20 characters with ` … ` inside.
 */
export function shorten(text: string, max = MAX_LINE): string {
  if (text.length <= max) return text;
  const tail = Math.floor((max - 3) / 3);
  return `${text.slice(0, max - 3 - tail)} … ${text.slice(text.length - tail)}`;
}

/** Long runs of expression (a 1,000-character expanded linear combination) shortened inside a message. */
export function shortenExpressions(text: string, max = 120): string {
  return text.replace(/[^,;:()'"\n]{121,}/g, (run) => shorten(run, max));
}

export interface Grouped<T> {
  key: string;
  items: T[];
}

/** Items grouped by a key, groups in order of first appearance. */
export function groupBy<T>(items: T[], key: (item: T) => string): Grouped<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return [...groups].map(([k, group]) => ({ key: k, items: group }));
}

/** ` (47×)` for a repeated item, nothing for a single one. */
export function times(count: number): string {
  return count > 1 ? ` (${count}×)` : '';
}

/** `0–5` for consecutive indexes, `0, 2, 7` otherwise (at most `max` listed). */
export function indexList(indexes: number[], max = 6): string {
  const consecutive = indexes.every((v, i) => i === 0 || v === indexes[i - 1] + 1);
  if (consecutive && indexes.length > 2) return `${indexes[0]}–${indexes.at(-1)}`;
  const shown = indexes.slice(0, max).join(', ');
  return indexes.length > max ? `${shown}, …` : shown;
}

/** `    9 | const g = witness(Field, H.gcd(a, b));` for a line of `source`, or undefined. */
export function quoteLine(source: string | undefined, line: number | undefined): string | undefined {
  if (!source || !line) return undefined;
  const text = source.split('\n')[line - 1];
  return text === undefined || !text.trim() ? undefined : `      ${line} | ${shorten(text.trim(), 160)}`;
}

/** The sketch line a message points at (`… (sketch.ts:14)` or `sketch.ts:14: …`), if any. */
export function sketchLineOf(message: string): number | undefined {
  const match = /\bsketch\.ts:(\d+)/.exec(message);
  return match ? Number(match[1]) : undefined;
}
