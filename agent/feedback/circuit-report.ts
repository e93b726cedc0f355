import type { CheckReport } from '../../compiler-harness/check.js';
import { formatCheckReport } from '../../compiler-harness/report-text.js';
import type { Lint } from '../../compiler-harness/soundness/types.js';
import { groupBy, MAX_LINE, shorten, shortenExpressions, times } from './text.js';

/** A lowered circuit's source map: per lowered file, the sketch line of each of its lines (0 = generated). */
export type SourceLines = Record<string, number[]>;

const SKETCH = 'sketch.ts';
const GENERATED = 'generated code (a type check of a declared input or output)';

/**
 * A check report on compiled code as the model reads it. Lints that say the same thing are one line
 * with a count, and long expressions in them are cut. For code lowered from the model's sketch
 * (`sketch` given), every location in the lowered files — diagnostics, failing vectors, lints,
 * file:line inside messages — is moved to the sketch line that produced it and quoted from the
 * sketch: the model never wrote `src/main.nr`, so it is never pointed at it. Compiler warnings on
 * lowered code are left out (they concern the lowering's style).
 */
export function formatCircuitFeedback(report: CheckReport, sketch?: { source: string; sourceLines: SourceLines }): string {
  const lints = foldLints(report.soundness?.lints ?? []);
  let shown: CheckReport = { ...report, soundness: report.soundness && { ...report.soundness, lints } };
  if (sketch) shown = onSketch(shown, sketch);
  return formatCheckReport(shown)
    .split('\n')
    .map((line) => shorten(line, MAX_LINE))
    .join('\n');
}

/** Lints with one code and message (locations aside) become one, its message carrying the count. */
function foldLints(lints: Lint[]): Lint[] {
  const key = (l: Lint) => `${l.code}\n${l.message.replace(/\b[\w./-]+\.(?:circom|nr|ts):\d+(?::\d+)?/g, '')}`;
  return groupBy(lints, key).map(({ items }) => ({ ...items[0], message: `${shortenExpressions(items[0].message)}${times(items.length)}` }));
}

function onSketch(report: CheckReport, sketch: { source: string; sourceLines: SourceLines }): CheckReport {
  const sourceLines = sketch.source.split('\n');
  const toSketch = (file: string | undefined, line: number | undefined): { file?: string; line?: number } => {
    if (!file || !(file in report.files) || !line) return { file, line };
    const mapped = sketch.sourceLines[file]?.[line - 1];
    return mapped ? { file: SKETCH, line: mapped } : { file: undefined, line: undefined };
  };
  const text = (message: string): string =>
    message.replace(/(?<![\w/])((?:src\/)?[\w-]+\.(?:circom|nr))(?::(\d+))(?::\d+)?/g, (whole, file: string, line: string) => {
      if (!(file in report.files)) return whole;
      const mapped = sketch.sourceLines[file]?.[Number(line) - 1];
      return mapped ? `${SKETCH}:${mapped}` : GENERATED;
    });
  return {
    ...report,
    entry: `lowered from ${SKETCH}`,
    files: { [SKETCH]: sketch.source },
    compile: {
      ...report.compile,
      // warnings of the compiler are about how the lowering writes code (`<--` for hints), not the sketch
      diagnostics: report.compile.diagnostics.filter((d) => d.severity === 'error').map((d) => {
        const at = toSketch(d.file, d.line);
        const base = { ...d, message: text(d.message), column: undefined };
        if (!at.file) return { ...base, file: undefined, line: undefined, sourceLine: undefined, message: `${base.message} (in ${GENERATED})` };
        return { ...base, ...at, sourceLine: sourceLines[at.line! - 1] };
      }),
    },
    vectorProblems: report.vectorProblems.map(text),
    vectors: report.vectors.map((v) => {
      const at = v.location ? toSketch(v.location.file, v.location.line) : undefined;
      const location = at?.file ? { file: at.file, line: at.line! } : undefined;
      return { ...v, message: text(v.message), location };
    }),
    soundness: report.soundness && {
      ...report.soundness,
      lints: report.soundness.lints.map((l) => {
        const at = toSketch(l.file, l.line);
        return at.file ? { ...l, ...at, message: text(l.message) } : { ...l, file: undefined, line: undefined, message: `${text(l.message)} (in ${GENERATED})` };
      }),
      counterexample: report.soundness.counterexample && { ...report.soundness.counterexample, explanation: text(report.soundness.counterexample.explanation) },
    },
    summary: text(report.summary),
  };
}
