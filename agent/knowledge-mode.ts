import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lang, TargetCircuit } from '../compiler-harness/types.js';
import { loadTestVectors, type TestVectors } from '../compiler-harness/vectors/schema.js';
import type { KnowledgeEntry } from '../knowledge-base/entry.js';
import type { SearchHit } from '../knowledge-base/search.js';
import { circomCircuit, noirCircuit } from '../knowledge-base/verify.js';
import type { RunContext, RunOutcome } from './run-context.js';
import { checkLanguages, constraintCounts, firstFailure, type LanguageVectors } from './pipeline/check-languages.js';
import { proveAndWrite } from './pipeline/finish.js';
import { parametersFromTask } from './task-parameters.js';
import type { AgentEventInput } from './events.js';

export const NO_MODEL_NOTICE =
  'No language model is configured, so no model was used: zkcoder answers from its verified knowledge base and runs the same compile, test, attack and prove stages. ' +
  'To let a model write new circuits, set OPENAI_API_KEY or ANTHROPIC_API_KEY, or point at a local server: --provider openai-compatible --base-url http://localhost:11434/v1 --model qwen2.5-coder:7b (see README).';

/** A hit is a confident answer when it is close enough and shares a word with the entry's name or tags. */
export function isConfident(hit: SearchHit | undefined, minimumScore: number): boolean {
  return !!hit && hit.score >= minimumScore && /\b(name|tags):/.test(hit.reason);
}

/**
 * Knowledge-base mode: no model. Retrieve the best verified entry for the task and put it through
 * the same stages a model-written circuit goes through.
 */
export async function* runKnowledgeMode(context: RunContext): AsyncGenerator<AgentEventInput, RunOutcome> {
  const { options, run, knowledgeBase } = context;
  yield { type: 'notice', level: 'info', message: NO_MODEL_NOTICE };

  let start = performance.now();
  yield { type: 'stage-start', stage: 'retrieve' };
  const hits = await knowledgeBase.search(options.task, 5);
  const best = hits[0];
  const confident = isConfident(best, options.minimumScore ?? 0.08);
  yield {
    type: 'retrieved',
    hits: hits.map((h) => ({ id: h.entry.id, name: h.entry.name, score: h.score, reason: h.reason })),
    chosen: confident ? best.entry.id : undefined,
  };
  if (!confident) {
    const nearest = hits.slice(0, 5).map((h) => `${h.entry.id} (${h.score.toFixed(2)})`).join(', ');
    const summary = `nothing in the knowledge base is a confident match for "${options.task}"; nearest: ${nearest}. Rephrase the task, or configure a model to write a new circuit.`;
    yield { type: 'stage-end', stage: 'retrieve', ok: false, summary, durationMs: performance.now() - start };
    return { ok: false, summary, outputs: [], constraintCounts: {}, iterations: 0 };
  }
  const entry = best.entry;
  yield { type: 'stage-end', stage: 'retrieve', ok: true, summary: `${entry.id}: ${best.reason}`, durationMs: performance.now() - start };
  run.completeStage('retrieve', { entry: entry.id });

  start = performance.now();
  yield { type: 'stage-start', stage: 'target' };
  const notes = [`Built from the verified knowledge-base entry "${entry.id}" (${entry.name}); no language model was used.`];
  const stated = parametersFromTask(options.task, entry.parameters);
  const differing = stated.filter((s) => s.value !== entry.parameters.find((p) => p.name === s.name)?.default);
  if (differing.length) {
    const asked = differing.map((s) => `${s.name}=${s.value} ("${s.phrase}")`).join(', ');
    const defaults = entry.parameters.map((p) => `${p.name}=${p.default}`).join(', ');
    const note = `The task states ${asked}; the entry's vectors hold at ${defaults}, so the circuit is instantiated there. Re-instantiating needs vectors for the new parameters (a model run derives them).`;
    notes.push(note);
    yield { type: 'notice', level: 'warning', message: note };
  }
  const circuits = await entryCircuits(entry, options.languages);
  const vectors = await entryVectors(entry, options.vectors);
  const sketch = entry.sketch && existsSync(join(entry.dir, entry.sketch)) ? await readFile(join(entry.dir, entry.sketch), 'utf8') : undefined;
  yield { type: 'stage-end', stage: 'target', ok: true, summary: `${Object.keys(circuits).join(' + ')} from ${entry.id}`, durationMs: performance.now() - start };
  run.completeStage('target', { entry: entry.id, languages: Object.keys(circuits) });

  start = performance.now();
  yield { type: 'stage-start', stage: 'check' };
  const results = yield* checkLanguages({ circuits, vectors, backends: context.backends, soundnessBudgetMs: options.soundnessBudgetMs });
  const failed = results.filter((r) => !r.report.passed);
  const checkSummary = results.map((r) => `${r.lang}: ${r.report.summary}`).join('; ');
  yield { type: 'stage-end', stage: 'check', ok: failed.length === 0, summary: checkSummary, durationMs: performance.now() - start };
  if (failed.length) {
    const failure = firstFailure(failed[0].report);
    return { ok: false, summary: `${failed[0].lang} check failed: ${failure?.what}: ${failure?.message}`, outputs: [], constraintCounts: constraintCounts(results), iterations: 1 };
  }
  run.completeStage('check', { summary: checkSummary });

  const summary = `verified${options.prove !== false ? ' and proved' : ''} ${entry.id} in ${Object.keys(circuits).join(' and ')} from the knowledge base (no model used)`;
  return yield* proveAndWrite(context, { origin: `knowledge base entry ${entry.id}`, circuits, vectors, results, sketch, iterations: 1, notes, summary });
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

