import { sizeUnit, type CheckReport } from './check.js';
import type { SoundnessReport } from './soundness/types.js';
import { sourceLineAt } from './text.js';
import type { Diagnostic } from './types.js';
import type { VectorVerdict } from './vectors/run.js';

/**
 * The check report as plain text: what a person reads in the terminal and what the model reads
 * when asked to repair. Every failure names where (file:line, the offending line) and what
 * (expected vs got).
 */
export function formatCheckReport(report: CheckReport): string {
  const lines: string[] = [];
  const size = [
    report.compile.constraintCount !== undefined ? `${report.compile.constraintCount} ${sizeUnit(report.lang)}` : undefined,
    report.compile.gateCount !== undefined ? `${report.compile.gateCount} gates` : undefined,
  ].filter(Boolean);
  lines.push(`${report.lang} ${report.entry}: compile ${report.compile.ok ? 'ok' : 'FAILED'}${size.length ? ` (${size.join(', ')})` : ''} in ${ms(report.compile.durationMs)}`);
  for (const d of report.compile.diagnostics) lines.push(...formatDiagnostic(d));
  for (const problem of report.vectorProblems) lines.push(`  ✗ ${problem}`);
  for (const v of report.vectors) lines.push(...formatVerdict(v));
  if (report.soundness) lines.push(...formatSoundness(report.soundness, report.files));
  if (report.proof) {
    const p = report.proof;
    if (p.error) lines.push(`  ✗ prove (${p.system}): ${p.error}`);
    else {
      lines.push(`  ${p.verified ? '✓' : '✗'} ${p.system} proof ${p.verified ? 'verifies' : 'does NOT verify'} (prove ${ms(p.proveMs)}, verify ${ms(p.verifyMs)})`);
      lines.push(`  ${p.tamperedRejected ? '✓' : '✗'} tampered proof ${p.tamperedRejected ? 'rejected' : 'ACCEPTED'}`);
    }
    for (const w of p.warnings) lines.push(`  warning: ${w}`);
  }
  lines.push(report.summary);
  return lines.join('\n');
}

export function formatDiagnostic(d: Diagnostic): string[] {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  const code = d.code ? `[${d.code}]` : '';
  const lines = [`  ${d.severity}${code}: ${where}${d.message}`];
  if (d.sourceLine !== undefined) lines.push(`      ${d.line} | ${d.sourceLine.trim()}`);
  return lines;
}

/** The attacker's findings: the counterexample (both witnesses' differing values), then lints with locations. */
export function formatSoundness(soundness: SoundnessReport, files: Record<string, string> = {}): string[] {
  const lines: string[] = [];
  const cx = soundness.counterexample;
  if (soundness.verdict === 'unsound' && cx) {
    lines.push(`  ✗ soundness: UNSOUND (${cx.kind}): ${cx.explanation}`);
    lines.push(`      inputs: ${compact(cx.inputs)}`);
    for (const d of (cx.outputs.length ? cx.outputs : cx.signals).slice(0, 8)) {
      lines.push(`      ${d.name}: honest ${d.honest}, also satisfies the constraints: ${d.alternative}`);
    }
    for (const h of (cx.hintAnswers ?? []).slice(0, 3)) lines.push(`      hint ${h.call}: honest ${h.honest.join(', ')} -> ${h.alternative.join(', ')}`);
  } else {
    const note = soundness.incomplete ? ` (incomplete: ${soundness.incomplete})` : '';
    lines.push(`  ✓ soundness: no finding in ${ms(soundness.durationMs)}${note}; tried ${soundness.tried.length} attack(s)`);
  }
  for (const lint of soundness.lints.slice(0, 10)) {
    const where = lint.file ? `${lint.file}${lint.line ? `:${lint.line}` : ''}: ` : '';
    lines.push(`  warning[${lint.code}]: ${where}${lint.message}`);
    const source = lint.file && lint.line ? sourceLineAt(files[lint.file], lint.line) : undefined;
    if (source !== undefined) lines.push(`      ${lint.line} | ${source.trim()}`);
  }
  if (soundness.lints.length > 10) lines.push(`  (${soundness.lints.length - 10} more lint(s))`);
  return lines;
}

function formatVerdict(v: VectorVerdict): string[] {
  const label = `${v.kind}[${v.index}]${v.name ? ` ${v.name}` : ''}`;
  const lines = [`  ${v.passed ? '✓' : '✗'} ${label}: ${v.message}`];
  if (!v.passed) {
    lines.push(`      inputs: ${compact(v.inputs)}`);
    if (v.expected) lines.push(`      expected: ${compact(v.expected)}`);
    if (v.got) lines.push(`      got: ${compact(v.got)}`);
    if (v.location) lines.push(`      at ${v.location.file}:${v.location.line}${v.location.column ? `:${v.location.column}` : ''}`);
  }
  return lines;
}

function compact(value: unknown): string {
  const text = JSON.stringify(value);
  return text.length > 300 ? `${text.slice(0, 297)}...` : text;
}

function ms(value: number): string {
  return value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${Math.round(value)} ms`;
}
