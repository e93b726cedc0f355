import type { KnowledgeEntry } from '../knowledge-base/entry.js';
import { words } from '../knowledge-base/index/text-features.js';
import type { SearchHit } from '../knowledge-base/search.js';

/**
 * When knowledge-base mode may answer a task with an entry. Similarity alone is not enough: the
 * offline embedder gives "the weather tomorrow" 0.2 against int-div-rem through shared letters, and
 * "sha256 of a 512-bit message" 0.08 against assert-boolean through the word "bit". So an answer
 * is confident only when
 * 1. the best hit is similar enough (`minimumScore`);
 * 2. the task *names* the entry: every word of its name, its id or one of its tags (the entry's
 *    synonyms) occurs in the task, plurals aside, and at least one of those words says which
 *    operation it is rather than what it acts on (bit, value, number, list ... are everywhere);
 * 3. no other near hit is named more completely ("greater than or equal" names greater-eq-than
 *    with four words, greater-than with two; "square a number" names pow-const's tag "square" and
 *    neither rsqrt nor int-sqrt, so the best hit rsqrt is refused); and
 * 4. the best hit stands out from the runner-up by `minimumMargin` (relative), unless it is named
 *    more completely than every other near hit ("relu activation" names relu's own name, and
 *    leaky-relu only through its tag "activation"); and
 * 5. the task names no specific algorithm or standard the entry does not mention: an identifier
 *    with letters and digits (SHA256, Ed25519) or an acronym (ECDSA, JWT) names a different
 *    primitive, so "sha256 hash of a message" is not the Poseidon commitment.
 * Calibrated on knowledge-base/retrieval-queries.json and a list of off-topic tasks
 * (agent/knowledge-match.test.ts).
 */
export interface ConfidenceRule {
  minimumScore: number;
  /** (best − runner-up) / best. */
  minimumMargin: number;
  /** How many hits count as near for rules 3 and 4. */
  near: number;
}

export const DEFAULT_CONFIDENCE: ConfidenceRule = { minimumScore: 0.1, minimumMargin: 0.2, near: 3 };

/** Words that say what an operation acts on rather than which operation it is. */
const GENERIC_WORDS = new Set(
  (
    'bit bits binary value values number numbers integer integers int uint sint field element elements ' +
    'array arrays list lists vector vectors row rows input inputs output outputs signal signals word words ' +
    'one two four check checks compute computes get set true false fixed point signed unsigned zkml ' +
    'function operation result data item items entry entries thing and or not'
  ).split(' '),
);

export interface Confidence {
  confident: boolean;
  /** The best entry's name, id or tag that the task names most completely. */
  namedBy?: string;
  /** Why the best hit was refused; empty when confident. */
  why: string;
}

export function judgeConfidence(task: string, hits: SearchHit[], rule: ConfidenceRule = DEFAULT_CONFIDENCE): Confidence {
  const [best, ...others] = hits.slice(0, rule.near);
  if (!best) return { confident: false, why: 'the knowledge base is empty' };
  const asked = new Set(words(task).map(singular));
  const naming = namingOf(best.entry, asked);
  const namedBy = naming.phrase;
  if (best.score < rule.minimumScore) {
    return { confident: false, namedBy, why: `the best match, ${best.entry.id}, scores ${best.score.toFixed(2)} (at least ${rule.minimumScore} needed)` };
  }
  if (!naming.phrase) return { confident: false, why: `the task does not name ${best.entry.id} (no word of its name or synonyms that says what it does)` };
  const rivals = others.map((hit) => ({ hit, naming: namingOf(hit.entry, asked) }));
  const better = rivals.find((r) => r.naming.strength > naming.strength);
  if (better) {
    return { confident: false, namedBy, why: `the task names ${better.hit.entry.id} ("${better.naming.phrase}") more completely than the best match ${best.entry.id}` };
  }
  const runnerUp = others[0];
  const margin = runnerUp ? (best.score - runnerUp.score) / best.score : 1;
  const namedBest = rivals.every((r) => r.naming.strength < naming.strength);
  if (margin < rule.minimumMargin && !namedBest) {
    return { confident: false, namedBy, why: `${best.entry.id} and ${runnerUp.entry.id} match about equally well` };
  }
  const foreign = namedAlgorithms(task).find((name) => !entryText(best.entry).includes(name.toLowerCase()));
  if (foreign) return { confident: false, namedBy, why: `the task names ${foreign}, which ${best.entry.id} is not` };
  return { confident: true, namedBy, why: '' };
}

interface Naming {
  /** Words of the longest fully named phrase, half a word more when it is the name or id itself. */
  strength: number;
  phrase?: string;
}

/** The entry's name, id or tag whose words all occur in the task, the longest one. */
function namingOf(entry: KnowledgeEntry, asked: Set<string>): Naming {
  const phrases: [string, number][] = [
    [entry.name, 0.5],
    [entry.id.replace(/-/g, ' '), 0.5],
    ...entry.tags.map((tag): [string, number] => [tag, 0]),
  ];
  let best: Naming = { strength: 0 };
  for (const [phrase, bonus] of phrases) {
    const phraseWords = words(phrase).map(singular);
    const named = phraseWords.length > 0 && phraseWords.every((w) => asked.has(w)) && phraseWords.some(isSpecific);
    const strength = named ? phraseWords.length + bonus : 0;
    if (strength > best.strength) best = { strength, phrase };
  }
  return best;
}

/** Identifiers with letters and digits (sha256, Ed25519, groth16) and acronyms (ECDSA, JWT) in the task's own spelling. */
function namedAlgorithms(task: string): string[] {
  const identifiers = task.match(/\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\d)[a-z0-9]{3,}\b/gi) ?? [];
  const acronyms = task.match(/\b[A-Z]{2,}\b/g) ?? [];
  return [...identifiers, ...acronyms];
}

function entryText(entry: KnowledgeEntry): string {
  return `${entry.id} ${entry.name} ${entry.tags.join(' ')} ${entry.description}`.toLowerCase();
}

function isSpecific(word: string): boolean {
  return !GENERIC_WORDS.has(word) && !/^\d+$/.test(word);
}

/**
 * Plurals only, not a stemmer: "sort" must not meet "sorted" (sorting a list is not checking that
 * it is sorted), while "probability" meets "probabilities".
 */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !/(ss|us|is|ias)$/.test(word)) return word.slice(0, -1);
  return word;
}
