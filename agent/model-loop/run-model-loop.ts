import type { Lang } from '../../compiler-harness/types.js';
import type { SearchHit } from '../../knowledge-base/search.js';
import { zkslReference } from '../../zksl/index.js';
import type { AgentEventInput } from '../events.js';
import { ModelError } from '../model/types.js';
import { addResponseUsage } from '../model/usage.js';
import { taskWithPreconditions, type LanguageResult } from '../pipeline/check-languages.js';
import { proveAndWrite } from '../pipeline/finish.js';
import { renderPrompt } from '../prompts/index.js';
import type { RunContext, RunOutcome } from '../run-context.js';
import { askModel } from './ask-model.js';
import { checkStage } from './check-stage.js';
import { checkCandidateSketch } from './check-sketch.js';
import { loadMemory, saveMemory, type LoopMemory } from './loop-memory.js';
import { restoreHits, retrievedEvent, sketchExamples, storeHits } from './retrieval.js';
import { ABORTED, firstStop, stopConditionsFor, type LoopState, type StopConditions } from './stop-conditions.js';
import { warmSandbox, warmToolchains } from './warm-up.js';
import { lowerSketch, writeTargetCode } from './write-code.js';

/** Thrown by a guard when an interrupting stop condition holds; the loop turns it into its outcome. */
class LoopStopped extends Error {}

/**
 * The model's loop: sketch → (sandboxed) sketch check → sketch-guided retrieval → lower or write →
 * compile, vectors, soundness → repair, until a stop condition holds; then prove and write. Every
 * stage saves the loop's memory, so `--resume` continues from the last completed stage.
 */
export async function* runModelLoop(context: RunContext): AsyncGenerator<AgentEventInput, RunOutcome> {
  const loop = new ModelLoop(context);
  const resuming = loop.resumeNotice();
  if (resuming) yield resuming;
  try {
    // A resumed run that already spent its attempts or budget stops before asking the model again.
    let stop = loop.memory.attemptOpen || loop.state.verified ? undefined : firstStop(loop.stops.afterAttempt, loop.state);
    if (!stop && !loop.state.verified) warmSandbox();
    while (!stop) {
      yield* loop.attempt();
      stop = firstStop(loop.stops.afterAttempt, loop.state);
    }
    if (!loop.state.verified || stop === ABORTED) return loop.stopped(stop);
  } catch (error) {
    if (error instanceof LoopStopped) return loop.stopped(error.message);
    // A budget spent inside a metered model, or a request cancelled by the abort, is a stop like any other.
    if (error instanceof ModelError && (error.kind === 'budget' || error.kind === 'aborted')) return loop.stopped(error.kind === 'aborted' ? ABORTED : error.message);
    throw error;
  }
  return yield* loop.finish();
}

class ModelLoop {
  readonly memory: LoopMemory;
  readonly state: LoopState;
  readonly stops: StopConditions;
  /** Compiled circuits of verified languages, for the prove stage (a resumed run compiles again). */
  private readonly compiled: LanguageResult[] = [];

  constructor(private readonly context: RunContext) {
    this.memory = loadMemory(context.run);
    this.state = { attempt: this.memory.attempt, verified: context.run.state.completedStages.includes('check'), usage: this.memory.usage };
    this.stops = stopConditionsFor(context.options);
    context.retrieved = restoreHits(context.knowledgeBase, this.memory.hits);
  }

  /** One attempt, or the rest of the one an interrupted run was in. */
  async *attempt(): AsyncGenerator<AgentEventInput, void> {
    const { run, options } = this.context;
    if (this.state.verified) return;
    const done = new Set(run.state.completedStages);
    if (!this.memory.attemptOpen) {
      this.guard();
      this.state.attempt = ++this.memory.attempt;
      this.memory.attemptOpen = true;
      this.save();
      if (this.state.attempt > 1) yield { type: 'repair', iteration: this.state.attempt, maxIterations: options.maxIterations, reason: this.repairReason() };
      else if (!this.memory.taskHits) yield* this.retrieveForTask();
    }
    if (!done.has('sketch')) {
      if (!(yield* this.sketch())) return;
    } else if (!done.has('retrieve')) yield* this.retrieve(this.memory.sketch!.source, true);
    if (!done.has('target') && !(yield* this.target())) return;
    this.guard();
    this.state.verified = yield* checkStage({ context: this.context, memory: this.memory, attempt: this.state.attempt, compiled: this.compiled });
  }

  /** What a resumed run continues with, in one line. */
  resumeNotice(): AgentEventInput | undefined {
    const { options, run } = this.context;
    if (!options.resume || this.memory.attempt === 0) return undefined;
    const done = run.state.completedStages;
    const where = this.state.verified
      ? 'the prove stage (the circuits passed their checks before the interruption)'
      : this.memory.attemptOpen
        ? `attempt ${this.memory.attempt}, after ${done.join(', ') || 'its start'}`
        : `attempt ${this.memory.attempt + 1}`;
    return { type: 'notice', level: 'info', message: `resuming the run at ${where}` };
  }

  /** Before the first sketch: entries whose words match the task, so the first prompt can show verified sketches. */
  private async *retrieveForTask(): AsyncGenerator<AgentEventInput, void> {
    const hits = this.retrieving() ? await this.context.knowledgeBase.search(this.context.options.task, 3) : [];
    this.memory.taskHits = storeHits(hits);
    this.save();
    yield retrievedEvent(hits);
  }

  private async *sketch(): AsyncGenerator<AgentEventInput, boolean> {
    const { run, options } = this.context;
    const start = performance.now();
    this.guard();
    yield { type: 'stage-start', stage: 'sketch', iteration: this.state.attempt };
    const previous = this.memory.sketchRepair;
    const reference = zkslReference();
    const prompt = previous
      ? renderPrompt('repairSketch', { task: taskWithPreconditions(options), reference, attempt: this.state.attempt - 1, maxAttempts: options.maxIterations, report: previous.report, source: previous.code, examples: await sketchExamples(this.hits()) })
      : renderPrompt('sketch', { task: taskWithPreconditions(options), reference, examples: await sketchExamples(this.hits()) });
    const answer = yield* this.ask('sketch', prompt);
    const outcome = await checkCandidateSketch(answer, options.vectors, options.task);
    run.writeAttempt(this.state.attempt, { 'answer.md': answer, ...(outcome.source ? { 'sketch.ts': outcome.source } : {}), 'sketch-report.txt': outcome.report });
    const summary = outcome.report.split('\n')[0];
    yield { type: 'sketch-checked', ok: outcome.ok, summary, failure: outcome.ok ? undefined : { what: 'sketch', message: summary } };
    for (const warning of outcome.warnings ?? []) yield { type: 'notice', level: 'warning', message: warning };
    // Persist before announcing the stage's end: a run stopped right after it resumes from here.
    if (outcome.sketch) {
      this.memory.sketch = outcome.sketch;
      this.memory.sketchRepair = undefined;
      this.save();
      run.completeStage('sketch', { attempt: this.state.attempt });
    } else {
      this.memory.sketchRepair = { code: outcome.source ?? answer, report: outcome.report };
      this.memory.attemptOpen = false;
      this.save();
    }
    yield { type: 'stage-end', stage: 'sketch', ok: outcome.ok, summary, durationMs: performance.now() - start };
    // Search with the sketch even when it failed: the hits go into its repair prompt.
    if (outcome.source) yield* this.retrieve(outcome.source, outcome.ok);
    return outcome.ok;
  }

  private async *retrieve(sketch: string, passed: boolean): AsyncGenerator<AgentEventInput, void> {
    const start = performance.now();
    this.guard();
    yield { type: 'stage-start', stage: 'retrieve' };
    const hits = this.retrieving() ? await this.context.knowledgeBase.searchForSketch({ sketch, task: this.context.options.task, k: 4 }) : [];
    yield retrievedEvent(hits);
    this.memory.hits = storeHits(hits);
    this.context.retrieved = hits;
    this.save();
    if (passed) this.context.run.completeStage('retrieve', { hits: this.memory.hits });
    yield { type: 'stage-end', stage: 'retrieve', ok: true, summary: hits.map((h) => h.entry.id).join(', ') || 'no related entries', durationMs: performance.now() - start };
  }

  private async *target(): AsyncGenerator<AgentEventInput, boolean> {
    const { run, options } = this.context;
    const sketch = this.memory.sketch!;
    const start = performance.now();
    this.guard();
    yield { type: 'stage-start', stage: 'target', iteration: this.state.attempt };
    warmToolchains(this.context.backends, options.languages);
    const target =
      options.strategy === 'lower'
        ? await lowerSketch(sketch.source, options.languages)
        : yield* writeTargetCode({
            task: taskWithPreconditions(options),
            languages: options.languages.filter((lang) => !this.memory.passed[lang]),
            sketch,
            hits: this.hits(),
            repairs: this.memory.codeRepair,
            attempt: this.state.attempt - 1,
            maxAttempts: options.maxIterations,
            ask: (purpose, prompt) => this.ask(purpose, prompt),
          });
    run.writeAttempt(this.state.attempt, Object.fromEntries(Object.values(target.circuits).flatMap((c) => Object.entries(c.files).map(([path, text]) => [`${c.lang}/${path}`, text]))));
    this.memory.written = { ...this.memory.written, ...target.circuits };
    Object.assign(this.memory.codeRepair, target.repairs);
    for (const lang of Object.keys(target.circuits) as Lang[]) delete this.memory.codeRepair[lang];
    if (target.ok) {
      this.memory.circuits = target.circuits;
      this.save();
      run.completeStage('target', { attempt: this.state.attempt, languages: Object.keys(target.circuits) });
    } else {
      // Lowering is deterministic: a sketch that cannot be lowered goes back to the model as a sketch.
      if (options.strategy === 'lower') this.backToSketch(`lowering failed: ${target.summary}`);
      this.memory.attemptOpen = false;
      this.save();
    }
    yield { type: 'stage-end', stage: 'target', ok: target.ok, summary: target.summary, durationMs: performance.now() - start };
    return target.ok;
  }

  /** Retrieval can be switched off (the benchmark's ablations): the prompts then show no entries. */
  private retrieving(): boolean {
    return this.context.options.retrieval !== false;
  }

  private backToSketch(report: string): void {
    this.memory.sketchRepair = { code: this.memory.sketch!.source, report };
    this.memory.sketch = undefined;
    this.context.run.reopenStages('sketch');
  }

  /** The loop's one way to ask the model: guarded by the stop conditions, its usage counted. */
  private async *ask(purpose: string, prompt: { id: string; text: string }): AsyncGenerator<AgentEventInput, string> {
    this.guard(this.stops.beforeRequest);
    const steps = askModel(this.context, purpose, prompt);
    for (;;) {
      const next = await steps.next();
      if (next.done) return next.value;
      if (next.value.type === 'model-response') this.state.usage = this.memory.usage = addResponseUsage(this.state.usage, next.value);
      yield next.value;
    }
  }

  private guard(conditions = this.stops.beforeStage): void {
    const stop = firstStop(conditions, this.state);
    if (stop) throw new LoopStopped(stop);
  }

  /** The entries retrieved for the latest sketch; before any, those found by the task's words. */
  private hits(): SearchHit[] {
    return this.context.retrieved?.length ? this.context.retrieved : restoreHits(this.context.knowledgeBase, this.memory.taskHits);
  }

  private repairReason(): string {
    const report = this.memory.sketchRepair?.report ?? Object.values(this.memory.codeRepair)[0]?.report ?? '';
    return report.split('\n')[0];
  }

  private save(): void {
    saveMemory(this.context.run, this.memory);
  }

  stopped(reason: string): RunOutcome {
    this.save();
    const iterations = this.state.attempt;
    const circuits = this.memory.written;
    if (reason === ABORTED) return { ok: false, summary: ABORTED, outputs: [], constraintCounts: {}, iterations, interrupted: true, circuits };
    return { ok: false, summary: `not verified: ${reason}`, outputs: [], constraintCounts: {}, iterations, circuits };
  }

  /** Prove the verified circuits and write the outputs. */
  async *finish(): AsyncGenerator<AgentEventInput, RunOutcome> {
    const { options } = this.context;
    const sketch = this.memory.sketch!;
    const results: LanguageResult[] = [];
    for (const lang of options.languages) {
      const { report } = this.memory.passed[lang]!;
      results.push(this.compiled.find((r) => r.lang === lang) ?? { lang, report, compiled: await this.compile(lang) });
    }
    const circuits = Object.fromEntries(options.languages.map((lang) => [lang, this.memory.passed[lang]!.circuit]));
    const vectors = Object.fromEntries(options.languages.map((lang) => [lang, sketch.vectors]));
    const attempts = this.state.attempt;
    const summary = `verified${options.prove !== false ? ' and proved' : ''} a model-written circuit in ${options.languages.join(' and ')} after ${attempts} attempt(s)`;
    const outcome = yield* proveAndWrite(this.context, { origin: `model ${options.model?.id} (${options.strategy} strategy)`, circuits, vectors, results, sketch: sketch.source, iterations: attempts, notes: sketch.accuracy ? [sketch.accuracy] : [], summary });
    return { ...outcome, circuits };
  }

  /** A resumed run proves circuits checked before the interruption: compile them again (the check is not redone). */
  private async compile(lang: Lang) {
    const result = await this.context.backends[lang].compile(this.memory.passed[lang]!.circuit);
    if (!result.compiled) throw new Error(`${lang}: the circuit that passed its check before the interruption no longer compiles: ${result.diagnostics[0]?.message ?? 'no diagnostic'}`);
    return result.compiled;
  }
}
