import { formatCheckReport } from '../../compiler-harness/report-text.js';
import type { AgentEventInput } from '../events.js';
import { checkLanguages, firstFailure, statedAssumptions, type LanguageResult } from '../pipeline/check-languages.js';
import type { RunContext } from '../run-context.js';
import { formatCircuitFeedback } from '../feedback/circuit-report.js';
import type { LoweredTarget } from './write-code.js';
import { saveMemory, type LoopMemory } from './loop-memory.js';

/**
 * Compile → vectors → soundness for the code written in this attempt. Languages that pass are kept
 * (the `write` strategy never asks for them again); a failure becomes the next repair: the sketch
 * for `lower` (lowering is deterministic, so the fault is in the sketch's constraints), the
 * failing language's code for `write`. Returns whether every language is now verified.
 */
export async function* checkStage(options: {
  context: RunContext;
  memory: LoopMemory;
  attempt: number;
  /** Receives the compiled circuits of passing languages, for the prove stage. */
  compiled: LanguageResult[];
}): AsyncGenerator<AgentEventInput, boolean> {
  const { context, memory, attempt, compiled } = options;
  const { run } = context;
  const { languages, strategy } = context.options;
  const sketch = memory.sketch!;
  const start = performance.now();
  yield { type: 'stage-start', stage: 'check', iteration: attempt };
  const circuits = memory.circuits ?? {};
  const vectors = Object.fromEntries(Object.keys(circuits).map((lang) => [lang, sketch.vectors]));
  const results = yield* checkLanguages({ circuits, vectors, backends: context.backends, soundnessBudgetMs: context.options.soundnessBudgetMs, assumptions: statedAssumptions(context.options) });
  run.writeAttempt(attempt, Object.fromEntries(results.map((r) => [`${r.lang}-report.txt`, formatCheckReport(r.report)])));
  const failed = results.filter((r) => !r.report.passed);
  for (const result of results.filter((r) => r.report.passed)) {
    memory.passed[result.lang] = { circuit: circuits[result.lang]!, report: result.report };
    compiled.splice(0, compiled.length, ...compiled.filter((c) => c.lang !== result.lang), result);
  }
  memory.circuits = undefined;
  if (failed.length && strategy === 'lower') {
    const lowered = (lang: LanguageResult['lang']) => (circuits[lang] as LoweredTarget | undefined)?.sourceLines;
    const feedback = (r: LanguageResult) => formatCircuitFeedback(r.report, { source: sketch.source, sourceLines: lowered(r.lang) ?? {} });
    const reports = failed.map((r) => `${r.lang}:\n${feedback(r)}`).join('\n\n');
    memory.passed = {};
    compiled.length = 0;
    const warnings = (sketch.warnings ?? []).map((w) => `\n${w}`).join('');
    memory.sketchRepair = { code: sketch.source, report: `The circuits lowered from this sketch failed:\n${reports}${warnings}` };
    memory.sketch = undefined;
    run.reopenStages('sketch');
  } else if (failed.length) {
    for (const r of failed) {
      const forged = ['soundness', 'forge'].some((what) => firstFailure(r.report)?.what.startsWith(what));
      const report = formatCircuitFeedback(r.report) + (forged ? '\nA forged output was accepted: add the missing constraint.' : '');
      memory.codeRepair[r.lang] = { code: r.report.files[r.report.entry] ?? Object.values(circuits[r.lang]!.files)[0], report };
    }
    run.reopenStages('target');
  }
  const verified = languages.every((lang) => memory.passed[lang]);
  const summary = results.map((r) => `${r.lang}: ${r.report.summary}`).join('; ');
  // Persist before announcing the stage's end: a run stopped right after it resumes at prove.
  memory.attemptOpen = false;
  saveMemory(run, memory);
  if (verified) run.completeStage('check', { attempt, summary });
  yield { type: 'stage-end', stage: 'check', ok: verified, summary, durationMs: performance.now() - start };
  return verified;
}
