import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KnowledgeEntry } from '../../knowledge-base/entry.js';
import type { KnowledgeBase, SearchHit } from '../../knowledge-base/search.js';
import { DEFAULT_CONFIDENCE, judgeConfidence, type Confidence } from './match.js';
import { readTaskParameters, type StatedParameter, type UnmatchedQuantity } from './task-parameters.js';

/**
 * Knowledge-base mode's whole decision for a task, before anything is compiled: which entry, at
 * which parameters, or a refusal that says why. It is right or it refuses: every quantity the task
 * states is used by a parameter of the entry, or the task is refused. The only quantities that ask
 * for nothing are those the entry already is, read from the entry itself rather than guessed:
 * - phrases it is named by that contain a number (conv1d, int8, 4-to-1, x^5, "254 bits");
 * - a width its id fixes (the 32 of rotate-left-32, the 8 of int8-quantize);
 * - for an entry without a count parameter, a count equal to how many inputs its Circom template
 *   takes or to a fixed array length ("compare two numbers" for less-than's a and b, "4 values"
 *   for mux2's c[4]).
 * Calibrated on calibration.json (calibration.test.ts).
 */
export type KnowledgeDecision =
  | { ok: true; hits: SearchHit[]; judgement: Confidence; entry: KnowledgeEntry; plan: ParameterPlan }
  | { ok: false; hits: SearchHit[]; judgement: Confidence; entry?: KnowledgeEntry; plan?: ParameterPlan; why: string };

export async function decideFromKnowledgeBase(task: string, knowledgeBase: KnowledgeBase, minimumScore = DEFAULT_CONFIDENCE.minimumScore): Promise<KnowledgeDecision> {
  const hits = await knowledgeBase.search(task, 5);
  const judgement = judgeConfidence(task, hits, { rule: { ...DEFAULT_CONFIDENCE, minimumScore }, entries: knowledgeBase.entries });
  if (!judgement.confident) return { ok: false, hits, judgement, why: judgement.why };
  const entry = judgement.chosen!.entry;
  const plan = planParameters(task, entry, judgement.namedBy);
  if (plan.unused.length) return { ok: false, hits, judgement, entry, plan, why: plan.unused.join(' ') };
  return { ok: true, hits, judgement, entry, plan };
}

export interface ParameterPlan {
  /** Every parameter of the entry: the task's value where it states one, else the default. */
  values: Record<string, number>;
  changed: StatedParameter[];
  /** Quantities in the task the entry does not take, each said plainly: any one refuses the task. */
  unused: string[];
}

/** The parameters the task states, applied to the entry; what cannot be applied is listed in `unused`. */
export function planParameters(task: string, entry: KnowledgeEntry, namedBy?: string): ParameterPlan {
  const read = readTaskParameters(task, entry.parameters, { masked: namingPhrases(entry), fixedWidths: fixedWidths(entry), operands: operandCounts(entry) });
  // The tag the task named the entry by may imply parameters ("square" → e = 2); numbers the task states win.
  const implied = Object.entries((namedBy && entry.tagParameters[namedBy]) || {})
    .filter(([name]) => !read.stated.some((s) => s.name === name))
    .map(([name, value]) => ({ name, value, phrase: namedBy! }));
  const stated = [...read.stated, ...implied];
  const values = Object.fromEntries(entry.parameters.map((p) => [p.name, stated.find((s) => s.name === p.name)?.value ?? p.default]));
  const changed = stated.filter((s) => s.value !== entry.parameters.find((p) => p.name === s.name)?.default);
  return { values, changed, unused: read.unmatched.map((u) => describeUnused(u, entry)) };
}

function describeUnused(u: UnmatchedQuantity, entry: KnowledgeEntry): string {
  const takes = entry.parameters.length ? `it takes ${entry.parameters.map((p) => `${p.name} (${p.description ?? 'no description'})`).join(', ')}` : 'it has no parameters';
  if (u.conflicts) return `The task says "${u.phrase}" (${u.wanted}), which contradicts ${u.conflicts}.`;
  if (u.ambiguous.length) return `The task says "${u.phrase}", but it is not clear which of ${u.ambiguous.join(', ')} of ${entry.id} that sets; say e.g. "${u.ambiguous[0]}=${u.value}".`;
  return `The task says "${u.phrase}" (${u.wanted}), but ${entry.id} cannot be built with it (${takes}).`;
}

/**
 * What the entry is called by that is not a quantity of the task: the words of its name, id and
 * tags that contain a number (conv1d, "(1-D)", 4-to-1, x^5, int8) and its phrases that say signed
 * (abs-signed's "unsigned magnitude" is its output, not its input).
 */
function namingPhrases(entry: KnowledgeEntry): string[] {
  const phrases = [entry.name, entry.id, ...entry.tags];
  const numbered = phrases.flatMap((phrase) => phrase.split(/\s+/)).filter((word) => /\d/.test(word));
  return [...phrases.filter((phrase) => /\bsigned\b|\bunsigned\b/i.test(phrase)), ...numbered];
}

/** Widths the id fixes: a number of its own (rotate-left-32) or an integer type's (int8-quantize). */
function fixedWidths(entry: KnowledgeEntry): number[] {
  return entry.id.split('-').flatMap((part) => /^(?:u?int)?(\d+)$/.exec(part)?.[1] ?? []).map(Number);
}

/**
 * How many operands the entry's Circom template takes, and its inputs' fixed array lengths (mux2's
 * c[4] and s[2]). Operands are the inputs named by one letter (less-than's a and b, matmul's a and
 * b): clip's x, lo and hi are one value and its bounds, so "clip 3 values" is not clip.
 */
function operandCounts(entry: KnowledgeEntry): number[] {
  const file = join(entry.dir, entry.circom.file);
  if (!existsSync(file)) return [];
  const source = readFileSync(file, 'utf8');
  const body = new RegExp(`template\\s+${entry.circom.template}\\s*\\([^)]*\\)\\s*\\{([\\s\\S]*?)\\n\\}`).exec(source)?.[1] ?? '';
  const inputs = [...body.matchAll(/signal\s+input\s+(\w+)((?:\[[^\]]+\])*)/g)];
  const operands = inputs.filter((m) => m[1].length === 1).length;
  const lengths = inputs.flatMap((m) => [...m[2].matchAll(/\[(\d+)\]/g)].map((d) => Number(d[1])));
  return [...(operands ? [operands] : []), ...lengths];
}
