import { isAbsolute, relative, sep } from 'node:path';
import { sourceLineAt, stripAnsi } from '../text.js';
import type { Diagnostic, ExecuteFailure, Severity, SourceLocation } from '../types.js';
import type { ExecuteJobResult } from './toolchain-worker.js';

/**
 * Parse the text noir_wasm throws on a failed compile. Each diagnostic is a two-space-indented
 * message followed by four-space-indented `path:LINE: snippet` lines (1-based, no column), e.g.
 *
 *     Expected type Field, found type i32
 *       /tmp/zkcoder-noir-x/src/main.nr:2: x
 *
 * The text carries no severity (warnings such as `unused variable z` travel with the errors), and
 * noir_wasm prints line -1 for a span on the last line of a file without a trailing newline.
 */
export function parseCompileErrors(
  text: string,
  options: { projectDir: string; files: Record<string, string> },
): Diagnostic[] {
  const lines = stripAnsi(text).split('\n');
  const diagnostics: Diagnostic[] = [];
  let current: Diagnostic | undefined;
  let snippetLines: string[] = [];
  let snippetSourceLine = 0;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const located = /^ {4}(\S.*?):(-?\d+): ?(.*)$/.exec(line);
    if (located && current) {
      const file = userPath(located[1], options.projectDir);
      const source = options.files[file];
      let lineNumber = Number(located[2]);
      if (lineNumber < 1 && source !== undefined) lineNumber = source.replace(/\n$/, '').split('\n').length;
      const snippet = located[3];
      // A message lists its primary span first; later spans (secondaries) only add context.
      if (current.line === undefined) {
        const sourceLine = sourceLineAt(source, lineNumber);
        const column = sourceLine && snippet ? sourceLine.indexOf(snippet) : -1;
        Object.assign(current, {
          file,
          line: lineNumber,
          ...(column >= 0 ? { column: column + 1 } : {}),
          ...(sourceLine !== undefined ? { sourceLine } : {}),
        });
      }
      snippetLines = source?.split('\n') ?? [];
      snippetSourceLine = lineNumber;
      continue;
    }
    // A multi-line snippet continues with the following source lines verbatim.
    const nextSource = snippetLines[snippetSourceLine];
    if (nextSource !== undefined && line.length > 0 && nextSource.startsWith(line)) {
      snippetSourceLine++;
      continue;
    }
    snippetLines = [];
    const message = /^ {2}(\S.*)$/.exec(line);
    if (message) {
      current = { severity: severityOf(message[1]), message: message[1] };
      diagnostics.push(current);
    } else if (current && line.trim()) {
      current.message += `\n${line.trim()}`;
    } else if (!current && line.trim()) {
      // Not the usual layout (e.g. a dependency or manifest problem): keep the text whole.
      current = { severity: 'error', message: line.trim() };
      diagnostics.push(current);
    }
  }
  // A failed compile has at least one error even if every message looked like a warning.
  if (diagnostics.length > 0 && !diagnostics.some((d) => d.severity === 'error')) {
    for (const d of diagnostics) d.severity = 'error';
  }
  if (diagnostics.length === 0 && text.trim()) diagnostics.push({ severity: 'error', message: text.trim() });
  return sortBySeverity(diagnostics);
}

/** Noir reports lints with the errors; these messages are lints, not reasons the compile failed. */
const WARNING_PATTERNS = [/^unused /i, /is never (used|read|constructed)/i, /deprecated/i, /^unnecessary /i];

function severityOf(message: string): Severity {
  return WARNING_PATTERNS.some((pattern) => pattern.test(message)) ? 'warning' : 'error';
}

function sortBySeverity(diagnostics: Diagnostic[]): Diagnostic[] {
  const rank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => rank[a.d.severity] - rank[b.d.severity] || a.i - b.i)
    .map(({ d }) => d);
}

type FailedJob = Extract<ExecuteJobResult, { ok: false }>;

/**
 * Classify a failed noir_js execution. Failures inside the ACVM carry a call stack such as
 * `at x * x == y (/tmp/zkcoder-noir-x/src/main.nr:3:12)`; its innermost frame in the user's
 * project is the location. ABI encoding failures (missing or ill-typed inputs) carry none.
 */
export function executionFailure(job: FailedJob, projectDir: string): ExecuteFailure {
  const raw = [job.message, ...job.callStack].join('\n');
  if (!job.executionFailed) return { kind: 'input', message: job.message, raw };
  const message = job.message.replace(/^Circuit execution failed:\s*/, '');
  const frames = job.callStack.map((frame) => parseFrame(frame, projectDir)).filter((f) => f !== undefined);
  const location = frames.filter((f) => !f.file.startsWith('/') && !f.file.startsWith('std/')).at(-1) ?? frames.at(-1);
  // Brillig (unconstrained) panics and ACIR assert failures are both asserts from the user's view;
  // anything without a source frame (e.g. an out-of-memory in the VM) is a runtime failure.
  const kind = location ? 'assert' : 'runtime';
  return { kind, message, raw, ...(location ? { location } : {}) };
}

function parseFrame(frame: string, projectDir: string): SourceLocation | undefined {
  const match = /\(([^()]+):(\d+):(\d+)\)\s*$/.exec(frame) ?? /at (\S+):(\d+):(\d+)\s*$/.exec(frame);
  if (!match) return undefined;
  const [, path, line, column] = match;
  return { file: userPath(path, projectDir), line: Number(line), column: Number(column) };
}

/** `/tmp/zkcoder-noir-x/src/main.nr` → `src/main.nr`, the path the user gave. */
function userPath(path: string, projectDir: string): string {
  if (!isAbsolute(path)) return path;
  const rel = relative(projectDir, path);
  return rel.startsWith('..') ? path : rel.split(sep).join('/');
}
