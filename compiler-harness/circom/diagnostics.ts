import type { Diagnostic, Severity } from '../types.js';
import { sourceLineAt, stripAnsi } from '../text.js';

const HEADLINE = /^(error|warning)(?:\[(\w+)\])?: (.*)$/;
const LOCATION = /^\s*┌─ "?([^":]+)"?:(\d+):(\d+)/;
const NOTE = /^\s*= (.*)$/;

/**
 * Parse circom's codespan-style report into diagnostics:
 *
 *     error[P1008]: Missing semicolon
 *       ┌─ "main.circom":5:11
 *       ...
 *       = call trace: ...
 *
 * `files` maps the paths circom saw to their sources, to attach the offending line.
 */
export function parseCircomOutput(output: string, files: Record<string, string>): Diagnostic[] {
  const lines = stripAnsi(output).split('\n');
  const diagnostics: Diagnostic[] = [];
  let current: Diagnostic | undefined;
  for (const line of lines) {
    const head = HEADLINE.exec(line.trim());
    if (head) {
      if (head[3] === 'previous errors were found') continue;
      current = { severity: head[1] as Severity, message: head[3].trim() };
      if (head[2]) current.code = head[2];
      diagnostics.push(current);
      continue;
    }
    if (!current) continue;
    const at = LOCATION.exec(line);
    if (at && current.file === undefined) {
      current.file = at[1];
      current.line = Number(at[2]);
      current.column = Number(at[3]);
      current.sourceLine = sourceLineAt(files[at[1]], current.line);
      continue;
    }
    const note = NOTE.exec(line);
    if (note && !note[1].startsWith('call trace')) current.message += ` (${note[1].trim()})`;
  }
  // circom prints some fatal problems without the codespan frame.
  if (!diagnostics.some((d) => d.severity === 'error')) {
    const fatal = lines.find((l) => /error|does not exist|not found|panicked/i.test(l));
    if (fatal) diagnostics.push({ severity: 'error', message: fatal.trim() });
  }
  return diagnostics;
}

/** Circom's summary counts after a successful compile. */
export function parseConstraintCount(output: string): number | undefined {
  const text = stripAnsi(output);
  const nonLinear = /non-linear constraints: (\d+)/.exec(text);
  const linear = /(?:^|\n)linear constraints: (\d+)/.exec(text);
  if (!nonLinear && !linear) return undefined;
  return Number(nonLinear?.[1] ?? 0) + Number(linear?.[1] ?? 0);
}
