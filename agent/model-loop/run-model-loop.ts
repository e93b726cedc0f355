import { formatCheckReport } from '../../compiler-harness/report-text.js';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import type { SearchHit } from '../../knowledge-base/search.js';
import { checkSketchVectors, lowerSketchSource, zkslReference } from '../../zksl/index.js';
import type { AgentEventInput } from '../events.js';
import { checkLanguages, firstFailure, type LanguageResult } from '../pipeline/check-languages.js';
import { proveAndWrite } from '../pipeline/finish.js';
import { extractCodeBlock, renderPrompt } from '../prompts/index.js';
import type { RunContext, RunOutcome } from '../run-context.js';
import { askModel } from './ask-model.js';
import { deriveVectors } from './derive-vectors.js';
import { writeTargetCode } from './write-code.js';
import { attemptBudget, firstStop, isAborted, isVerified, type LoopState } from './stop-conditions.js';

interface SketchResult {
  source: string;
  vectors: TestVectors;
}

/**
 * The model's loop: sketch → (sandboxed) sketch check → sketch-guided retrieval → lower or write →
 * compile, vectors, soundness → repair, until verified or out of attempts; then prove and write.
 */
export async function* runModelLoop(context: RunContext): AsyncGenerator<AgentEventInput, RunOutcome> {
  const { options, run } = context;
  const stops = [isAborted, isVerified, attemptBudget(options.maxIterations)];
  const state: LoopState = { attempt: 0, verified: false, aborted: false };
  const saved = run.state.results.sketch as SketchResult | undefined;
  let sketch: SketchResult | undefined = saved;
  let previousSketch: string | undefined = saved?.source;
  let sketchReport: string | undefined;
  let codeFeedback: Partial<Record<Lang, { code: string; report: string }>> = {};
  let results: LanguageResult[] = [];
  let circuits: Partial<Record<Lang, TargetCircuit>> = {};
  if (saved) yield { type: 'notice', level: 'info', message: `resuming: the sketch from the interrupted run passed its checks; continuing from the target code` };

  for (;;) {
    const stop = firstStop(stops, state);
    if (stop) {
      if (state.verified) break;
      return { ok: false, summary: `not verified: ${stop}`, outputs: [], constraintCounts: {}, iterations: state.attempt };
    }
    state.attempt++;
    if (state.attempt > 1) yield { type: 'repair', iteration: state.attempt, maxIterations: options.maxIterations, reason: (sketchReport ?? Object.values(codeFeedback)[0]?.report ?? '').split('\n')[0] };

    if (!sketch) {
      let start = performance.now();
      yield { type: 'stage-start', stage: 'sketch', iteration: state.attempt };
      const prompt = previousSketch && sketchReport
        ? renderPrompt('repairSketch', { attempt: state.attempt, maxAttempts: options.maxIterations, report: sketchReport, source: previousSketch })
        : renderPrompt('sketch', { task: options.task, reference: zkslReference() });
      const answer = yield* askModel(context, 'sketch', prompt);
      const outcome = await checkCandidateSketch(answer, options.vectors);
      run.writeAttempt(state.attempt, { 'answer.md': answer, ...(outcome.source ? { 'sketch.ts': outcome.source } : {}), 'sketch-report.txt': outcome.report });
      yield { type: 'sketch-checked', ok: outcome.ok, summary: outcome.report.split('\n')[0], failure: outcome.ok ? undefined : { what: 'sketch', message: outcome.report.split('\n')[0] } };
      previousSketch = outcome.source ?? previousSketch;
      // Persist before announcing the stage's end: a run stopped right after it resumes from here.
      if (outcome.ok) run.completeStage('sketch', { source: outcome.source!, vectors: outcome.vectors! });
      yield { type: 'stage-end', stage: 'sketch', ok: outcome.ok, summary: outcome.report.split('\n')[0], durationMs: performance.now() - start };
      if (!outcome.ok) {
        sketchReport = outcome.report;
        continue;
      }
      sketch = { source: outcome.source!, vectors: outcome.vectors! };
      sketchReport = undefined;

      start = performance.now();
      yield { type: 'stage-start', stage: 'retrieve' };
      const hits = await context.knowledgeBase.searchForSketch({ sketch: sketch.source, task: options.task, k: 4 });
      yield { type: 'retrieved', hits: hits.map((h) => ({ id: h.entry.id, name: h.entry.name, score: h.score, reason: h.reason })) };
      yield { type: 'stage-end', stage: 'retrieve', ok: true, summary: hits.map((h) => h.entry.id).join(', ') || 'no related entries', durationMs: performance.now() - start };
      context.retrieved = hits;
    }

    const start = performance.now();
    yield { type: 'stage-start', stage: 'target', iteration: state.attempt };
    const target = options.strategy === 'lower' ? await lowerBoth(sketch.source, options.languages) : yield* writeTargetCode(context, { sketch: sketch.source, hits: context.retrieved ?? [], feedback: codeFeedback, attempt: state.attempt });
    run.writeAttempt(state.attempt, Object.fromEntries(Object.entries(target.circuits).flatMap(([lang, c]) => Object.entries(c!.files).map(([path, text]) => [`${lang}/${path}`, text]))));
    yield { type: 'stage-end', stage: 'target', ok: target.ok, summary: target.summary, durationMs: performance.now() - start };
    if (!target.ok) {
      if (options.strategy === 'lower') [sketch, sketchReport] = [undefined, `lowering failed: ${target.summary}`];
      codeFeedback = target.feedback ?? {};
      continue;
    }
    circuits = target.circuits;

    const checkStart = performance.now();
    yield { type: 'stage-start', stage: 'check', iteration: state.attempt };
    const languageVectors = Object.fromEntries(options.languages.map((lang) => [lang, sketch!.vectors]));
    results = yield* checkLanguages({ circuits, vectors: languageVectors, backends: context.backends, soundnessBudgetMs: options.soundnessBudgetMs });
    const failed = results.filter((r) => !r.report.passed);
    run.writeAttempt(state.attempt, Object.fromEntries(results.map((r) => [`${r.lang}-report.txt`, formatCheckReport(r.report)])));
    yield { type: 'stage-end', stage: 'check', ok: failed.length === 0, summary: results.map((r) => `${r.lang}: ${r.report.summary}`).join('; '), durationMs: performance.now() - checkStart };
    state.verified = failed.length === 0;
    if (state.verified) continue;
    const reports = failed.map((r) => `${r.lang}:\n${formatCheckReport(r.report)}`).join('\n\n');
    if (options.strategy === 'lower') {
      // Lowering is deterministic: what fails in the target fails in the sketch's constraints.
      [sketch, sketchReport] = [undefined, `The lowered circuits failed:\n${reports}`];
    } else {
      codeFeedback = Object.fromEntries(failed.map((r) => [r.lang, { code: Object.values(circuits[r.lang]!.files)[0], report: formatCheckReport(r.report) }]));
      const why = firstFailure(failed[0].report);
      if (why?.what === 'soundness' || why?.what.startsWith('forge')) codeFeedback[failed[0].lang]!.report += '\nA forged output was accepted: add the missing constraint.';
    }
  }
  run.completeStage('check', { summary: results.map((r) => r.report.summary) });
  const vectors = Object.fromEntries(options.languages.map((lang) => [lang, sketch!.vectors]));
  const summary = `verified${options.prove !== false ? ' and proved' : ''} a model-written circuit in ${options.languages.join(' and ')} after ${state.attempt} attempt(s)`;
  return yield* proveAndWrite(context, { origin: `model ${options.model?.id} (${options.strategy} strategy)`, circuits, vectors, results, sketch: sketch!.source, iterations: state.attempt, notes: [], summary });
}

/** Parse the model's answer, derive vectors from its reference and check the sketch in the sandbox. */
async function checkCandidateSketch(answer: string, user: TestVectors | undefined): Promise<{ ok: boolean; report: string; source?: string; vectors?: TestVectors }> {
  const source = extractCodeBlock(answer, ['ts', 'typescript']);
  if (!source) return { ok: false, report: 'the answer has no ```ts code block: return the whole module in one ```ts block' };
  const derived = await deriveVectors(source, { user });
  if (!derived.ok) return { ok: false, report: derived.message, source };
  const check = await checkSketchVectors(source, derived.vectors);
  const lines = [check.summary];
  for (const v of check.verdicts.filter((v) => !v.ok)) lines.push(`${v.kind}[${v.index}]: ${v.detail}`);
  for (const f of check.findings) lines.push(`${f.location ? `${f.location.file}:${f.location.line}: ` : ''}${f.message}`);
  if (check.failure) lines.push(`${check.failure.kind}: ${check.failure.message}`);
  return { ok: check.ok && !check.failure, report: lines.join('\n'), source, vectors: derived.vectors };
}

async function lowerBoth(source: string, languages: Lang[]): Promise<{ ok: boolean; summary: string; circuits: Partial<Record<Lang, TargetCircuit>>; feedback?: undefined }> {
  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  for (const lang of languages) {
    const lowered = await lowerSketchSource(source, lang);
    if (!lowered.ok) return { ok: false, summary: `${lang}: ${lowered.failure.message}`, circuits };
    const { files, entry, publicInputs, name, outputNames } = lowered.circuit;
    circuits[lang] = { lang, files, entry, publicInputs, name, returnNames: lang === 'noir' ? outputNames : undefined };
  }
  return { ok: true, summary: `lowered to ${languages.join(' and ')}`, circuits };
}

export type { SearchHit };
