import type { Lang, TargetCircuit } from '../../compiler-harness/types.js';
import type { SearchHit } from '../../knowledge-base/search.js';
import { lowerSketchSource, zkslReference } from '../../zksl/index.js';
import type { SourceLines } from '../feedback/circuit-report.js';
import type { AgentEventInput } from '../events.js';
import { extractCodeBlock, renderPrompt } from '../prompts/index.js';
import type { CheckedSketch, Repair } from './loop-memory.js';
import { implementations } from './retrieval.js';
import { nargoManifest } from '../../compiler-harness/noir/manifest.js';

const LANGUAGE = { circom: { name: 'Circom 2', fence: 'circom', labels: ['circom'] }, noir: { name: 'Noir', fence: 'noir', labels: ['noir', 'rust', 'nr'] } } as const;

/** One model request (recorded, metered, guarded by the loop's stop conditions); returns the answer's text. */
export type Ask = (purpose: string, prompt: { id: string; text: string }) => AsyncGenerator<AgentEventInput, string>;

export interface TargetCode {
  /** False when no language produced a circuit to check. */
  ok: boolean;
  summary: string;
  circuits: Partial<Record<Lang, TargetCircuit>>;
  /** Languages whose answer held no code block: what to send back. */
  repairs: Partial<Record<Lang, Repair>>;
}

/**
 * The `write` strategy: the model writes each requested language itself, from the checked sketch and
 * the verified sources retrieved for it; a language with a repair gets its own code and report back
 * instead. Languages that already passed are not in `languages`, so they are never asked for again.
 */
export async function* writeTargetCode(request: {
  task: string;
  languages: Lang[];
  sketch: CheckedSketch;
  hits: SearchHit[];
  repairs: Partial<Record<Lang, Repair>>;
  attempt: number;
  maxAttempts: number;
  ask: Ask;
}): AsyncGenerator<AgentEventInput, TargetCode> {
  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  const repairs: Partial<Record<Lang, Repair>> = {};
  for (const lang of request.languages) {
    const { name, fence, labels } = LANGUAGE[lang];
    const shared = { language: name, fence, task: request.task, sketch: request.sketch.source, outputs: request.sketch.outputNames.join(', ') || '(none)', reference: zkslReference(), retrieved: await implementations(request.hits, lang) };
    const previous = request.repairs[lang];
    const prompt = previous
      ? renderPrompt('repairCode', { ...shared, attempt: request.attempt, maxAttempts: request.maxAttempts, report: previous.report, code: previous.code })
      : renderPrompt('writeCode', shared);
    const answer = yield* request.ask(`write ${lang}`, prompt);
    const code = extractCodeBlock(answer, [...labels]);
    if (!code) repairs[lang] = { code: answer, report: `the answer has no \`\`\`${fence} code block: return the whole program in one block` };
    else circuits[lang] = writtenCircuit(lang, code, request.sketch.outputNames);
  }
  const written = Object.keys(circuits);
  const missing = Object.keys(repairs);
  const summary = [written.length ? `model wrote ${written.join(' and ')}` : '', missing.length ? `no code block for ${missing.join(', ')}` : ''].filter(Boolean).join('; ');
  return { ok: written.length > 0, summary, circuits, repairs };
}

/** A complete project: Circom with its `component main`; Noir as a Nargo project. */
function writtenCircuit(lang: Lang, code: string, outputNames: string[]): TargetCircuit {
  if (lang === 'circom') return { lang, files: { 'main.circom': code }, entry: 'main.circom', name: 'main' };
  return { lang, files: { 'src/main.nr': code, 'Nargo.toml': nargoManifest('main') }, entry: 'src/main.nr', name: 'main', returnNames: outputNames };
}

/** A circuit lowered from the sketch, with its source map (lowered line → sketch line). */
export type LoweredTarget = TargetCircuit & { sourceLines?: SourceLines };

type Lowering = ReturnType<typeof lowerSketchSource>;
/** The latest lowerings by language and source (the sketch check lowers to Noir for the output order, the `lower` strategy again). */
const lowerings = new Map<string, Lowering>();

/** `lowerSketchSource` at the default parameters, once per sketch and language (a failure is not kept: it may have been the time limit). */
export async function lowerOnce(source: string, lang: Lang): Lowering {
  const key = `${lang}\n${source}`;
  let lowering = lowerings.get(key);
  if (!lowering) {
    lowering = lowerSketchSource(source, lang);
    lowerings.set(key, lowering);
    if (lowerings.size > 4) lowerings.delete(lowerings.keys().next().value!);
  }
  const lowered = await lowering;
  if (!lowered.ok) lowerings.delete(key);
  // A copy: the caller's circuit goes into the run's memory and to the compiler.
  return structuredClone(lowered);
}

/** The `lower` strategy: the sketch lowered to every language, deterministically. */
export async function lowerSketch(source: string, languages: Lang[]): Promise<TargetCode> {
  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  for (const lang of languages) {
    const lowered = await lowerOnce(source, lang);
    if (!lowered.ok) return { ok: false, summary: `${lang}: ${lowered.failure.message}`, circuits: {}, repairs: {} };
    const { files, entry, publicInputs, name, outputNames, sourceLines } = lowered.circuit;
    // the source map rides along, so failures in lowered code are reported at sketch lines
    const circuit: LoweredTarget = { lang, files, entry, publicInputs, name, returnNames: lang === 'noir' ? outputNames : undefined, sourceLines };
    circuits[lang] = circuit;
  }
  return { ok: true, summary: `lowered to ${languages.join(' and ')}`, circuits, repairs: {} };
}
