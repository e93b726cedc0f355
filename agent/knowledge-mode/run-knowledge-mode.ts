import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import { loadTestVectors, type TestVectors } from '../../compiler-harness/vectors/schema.js';
import type { KnowledgeEntry } from '../../knowledge-base/entry.js';
import { circomCircuit, noirCircuit } from '../../knowledge-base/verify.js';
import type { AgentEventInput } from '../events.js';
import { describeParams, instantiateEntry } from './instance.js';
import { decideFromKnowledgeBase } from './decision.js';
import { DEFAULT_CONFIDENCE } from './match.js';
import { checkLanguages, constraintCounts, firstFailure, statedAssumptions, type LanguageVectors } from '../pipeline/check-languages.js';
import { proveAndWrite } from '../pipeline/finish.js';
import type { RunContext, RunOutcome } from '../run-context.js';

export const NO_MODEL_NOTICE =
  'No language model is configured, so no model was used: zkcoder answers from its verified knowledge base and runs the same compile, test, attack and prove stages. ' +
  'To let a model write new circuits, set OPENAI_API_KEY or ANTHROPIC_API_KEY, or point at a local server: --provider openai-compatible --base-url http://localhost:11434/v1 --model qwen2.5-coder:7b (see README).';

/**
 * Knowledge-base mode: no model. Retrieve the entry the task names, build it at the parameters the
 * task states, and put it through the same stages a model-written circuit goes through.
 */
export async function* runKnowledgeMode(context: RunContext): AsyncGenerator<AgentEventInput, RunOutcome> {
  const { options, run, knowledgeBase } = context;
  yield { type: 'notice', level: 'info', message: NO_MODEL_NOTICE };

  let start = performance.now();
  yield { type: 'stage-start', stage: 'retrieve' };
  const decision = await decideFromKnowledgeBase(options.task, knowledgeBase, options.minimumScore ?? DEFAULT_CONFIDENCE.minimumScore);
  const { hits, judgement } = decision;
  yield {
    type: 'retrieved',
    hits: hits.map((h) => ({ id: h.entry.id, name: h.entry.name, score: h.score, reason: h.reason })),
    chosen: judgement.chosen?.entry.id,
  };
  if (!judgement.confident) {
    const nearest = hits.map((h) => `${h.entry.id} (${h.score.toFixed(2)})`).join(', ');
    const summary = `nothing in the knowledge base is a confident match for "${options.task}" (${judgement.why}); nearest: ${nearest}. Rephrase the task, or configure a model to write a new circuit.`;
    yield { type: 'stage-end', stage: 'retrieve', ok: false, summary, durationMs: performance.now() - start };
    return failed(summary, 0);
  }
  const best = judgement.chosen!;
  const entry = best.entry;
  yield { type: 'stage-end', stage: 'retrieve', ok: true, summary: `${entry.id}: named by "${judgement.namedBy}"; ${best.reason}`, durationMs: performance.now() - start };
  run.completeStage('retrieve', { entry: entry.id });

  start = performance.now();
  yield { type: 'stage-start', stage: 'target' };
  const notes = [`Built from the verified knowledge-base entry "${entry.id}" (${entry.name}); no language model was used.`];
  if (!decision.ok) {
    // Right or refuse: a circuit at other parameters than the task states would be a wrong answer.
    const summary = `${entry.id} matches the task, but not at what it states. ${decision.why} Rephrase the task, or configure a model to write a new circuit.`;
    yield { type: 'stage-end', stage: 'target', ok: false, summary, durationMs: performance.now() - start };
    return failed(summary, 0);
  }
  const { plan } = decision;
  let circuits: Partial<Record<Lang, TargetCircuit>>;
  let vectors: LanguageVectors;
  let sketch: string | undefined;
  if (plan.changed.length) {
    const built = await instantiateEntry({ entry, params: plan.values, languages: options.languages, user: options.vectors });
    if (!built.ok) {
      const summary = `${built.message}. The task asked for ${plan.changed.map((s) => `${s.name}=${s.value} ("${s.phrase}")`).join(', ')}; rephrase it, or configure a model to write a new circuit.`;
      yield { type: 'stage-end', stage: 'target', ok: false, summary, durationMs: performance.now() - start };
      return failed(summary, 0);
    }
    ({ circuits, vectors, sketch } = built.instance);
    notes.push(...built.instance.notes);
    yield { type: 'notice', level: 'info', message: built.instance.notes[0] };
  } else {
    circuits = await entryCircuits(entry, options.languages);
    vectors = await entryVectors(entry, options.vectors);
    sketch = entry.sketch && existsSync(join(entry.dir, entry.sketch)) ? await readFile(join(entry.dir, entry.sketch), 'utf8') : undefined;
  }
  const at = entry.parameters.length ? ` at ${describeParams(entry, plan.values)}` : '';
  yield { type: 'stage-end', stage: 'target', ok: true, summary: `${Object.keys(circuits).join(' + ')} from ${entry.id}${at}`, durationMs: performance.now() - start };
  run.completeStage('target', { entry: entry.id, languages: Object.keys(circuits), params: plan.values });

  start = performance.now();
  yield { type: 'stage-start', stage: 'check' };
  const results = yield* checkLanguages({ circuits, vectors, backends: context.backends, soundnessBudgetMs: options.soundnessBudgetMs, assumptions: statedAssumptions(options) });
  const failedLanguages = results.filter((r) => !r.report.passed);
  const checkSummary = results.map((r) => `${r.lang}: ${r.report.summary}`).join('; ');
  yield { type: 'stage-end', stage: 'check', ok: failedLanguages.length === 0, summary: checkSummary, durationMs: performance.now() - start };
  if (failedLanguages.length) {
    const failure = firstFailure(failedLanguages[0].report);
    return { ...failed(`${failedLanguages[0].lang} check failed: ${failure?.what}: ${failure?.message}`, 1), constraintCounts: constraintCounts(results) };
  }
  run.completeStage('check', { summary: checkSummary });

  const summary = `verified${options.prove !== false ? ' and proved' : ''} ${entry.id}${at} in ${Object.keys(circuits).join(' and ')} from the knowledge base (no model used)`;
  return yield* proveAndWrite(context, { origin: `knowledge base entry ${entry.id}${at}`, circuits, vectors, results, sketch, iterations: 1, notes, summary });
}

function failed(summary: string, iterations: number): RunOutcome {
  return { ok: false, summary, outputs: [], constraintCounts: {}, iterations };
}

async function entryCircuits(entry: KnowledgeEntry, languages: Lang[]): Promise<Partial<Record<Lang, TargetCircuit>>> {
  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  if (languages.includes('circom')) circuits.circom = await circomCircuit(entry);
  if (languages.includes('noir')) circuits.noir = await noirCircuit(entry);
  return circuits;
}

/** User vectors win; else the entry's, where Noir may have its own (a hash whose outputs differ from circomlib's). */
async function entryVectors(entry: KnowledgeEntry, user: TestVectors | undefined): Promise<LanguageVectors> {
  if (user) return { circom: user, noir: user };
  const circom = await loadTestVectors(join(entry.dir, entry.circom.vectors ?? 'vectors.json'));
  const noir = entry.noir.vectors ? await loadTestVectors(join(entry.dir, entry.noir.vectors)) : circom;
  return { circom, noir };
}
