import type { RunFailure, VectorReport } from '../../zksl/index.js';
import { groupBy, indexList, MAX_LINE, quoteLine, shorten, shortenExpressions, sketchLineOf, times } from './text.js';

/** Most distinct problems listed; the rest are counted. */
const MAX_GROUPS = 8;

type SketchCheck = VectorReport & { failure?: RunFailure };
type Verdict = VectorReport['verdicts'][number];

/**
 * The sketch check as the model reads it. First line: the summary (short). Then, ranked: the run
 * failure (the sketch itself broke), unconstrained hints (each distinct one once, with a count),
 * accepted forgeries, wrong outputs, inputs that should have been refused, then forgeries whose
 * honest inputs already failed. Identical details
 * of several vectors become one line naming the vectors; every sketch line a problem points at is
 * quoted once.
 */
export function formatSketchFeedback(check: SketchCheck, source: string | undefined): string {
  const lines = [shorten(check.summary, 240)];
  const quoted = new Set<number>();
  const quote = (line: number | undefined) => {
    const text = line && !quoted.has(line) ? quoteLine(source, line) : undefined;
    if (text) {
      quoted.add(line!);
      lines.push(text);
    }
  };
  if (check.failure) {
    lines.push(shorten(`${check.failure.kind}: ${shortenExpressions(check.failure.message)}`));
    quote(check.failure.location?.line ?? sketchLineOf(check.failure.message));
  }
  const problems: { text: string; line?: number }[] = [];
  for (const group of groupBy(check.findings, (f) => f.message)) {
    const f = group.items[0];
    problems.push({ text: `${shortenExpressions(f.message)}${times(group.items.length)}`, line: f.location?.line });
  }
  const failed = check.verdicts.filter((v) => !v.ok);
  // a forge vector whose honest inputs already fail repeats an accept failure: it comes last
  const echo = (v: Verdict) => v.kind === 'forge' && v.detail.startsWith('honest inputs already fail');
  const ranks: ((v: Verdict) => boolean)[] = [(v) => v.kind === 'forge' && !echo(v), (v) => v.kind === 'accept', (v) => v.kind === 'reject', echo];
  for (const rank of ranks) {
    for (const group of groupBy(failed.filter(rank), (v) => `${v.kind}\n${v.detail}`)) {
      const { kind, detail } = group.items[0];
      const indexes = group.items.map((v) => v.index);
      const which = indexes.length > 1 ? `${kind}[${indexList(indexes)}] (${indexes.length} vectors)` : `${kind}[${indexes[0]}]`;
      problems.push({ text: `${which}: ${shortenExpressions(detail)}`, line: sketchLineOf(detail) });
    }
  }
  for (const problem of problems.slice(0, MAX_GROUPS)) {
    lines.push(shorten(problem.text, MAX_LINE));
    quote(problem.line);
  }
  if (problems.length > MAX_GROUPS) lines.push(`(${problems.length - MAX_GROUPS} more distinct problem(s) of the same kinds)`);
  return lines.join('\n');
}
