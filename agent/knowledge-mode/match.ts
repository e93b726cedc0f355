import type { KnowledgeEntry } from '../../knowledge-base/entry.js';
import { stem, words } from '../../knowledge-base/index/text-features.js';
import type { SearchHit } from '../../knowledge-base/search.js';
import { withoutQuantities } from './task-quantities.js';

/**
 * When knowledge-base mode may answer a task with an entry. Similarity alone is not enough: the
 * offline embedder gives "the weather tomorrow" 0.2 against int-div-rem through shared letters, and
 * "sha256 of a 512-bit message" 0.08 against assert-boolean through the word "bit". So an answer
 * is confident only when
 * 1. the best hit is similar enough (`minimumScore`);
 * 2. the task *names* the entry: every word of its name, its id or one of its tags (the entry's
 *    synonyms) occurs in the task, plurals aside, and at least one of those words says which
 *    operation it is rather than what it acts on (bit, value, number, list ... are everywhere);
 * 3. of the near hits, the one the task names most completely is the answer ("greater than or
 *    equal" names greater-eq-than with four words, greater-than with two), whichever scored best;
 *    the best-scored hit must be similar enough (`minimumScore`) and the answer at least half that,
 *    and no entry of the whole knowledge base may be named more completely ("range check on int8
 *    values" names range-check by two words, int8-quantize by one); and
 * 4. the best hit stands out from the runner-up by `minimumMargin` (relative), unless it is named
 *    more completely than every other near hit ("relu activation" names relu's own name, and
 *    leaky-relu only through its tag "activation"); and
 * 5. the task names no specific algorithm or standard the entry does not mention: an identifier
 *    with letters and digits (SHA256, Ed25519), an acronym (ECDSA, JWT) or a known primitive's
 *    name (keccak, blake, pedersen) names a different primitive, so "sha256 hash of a message" and
 *    "keccak hash of a string" are not the Poseidon commitment; and
 * 6. the task asks for nothing another entry is named for that the best entry's own text never
 *    mentions: "sum of squares" names the square (pow-const) besides the sum, "slide a kernel and
 *    sum the products" names the product, so the sum entry alone would answer a different task
 *    (words of the task's quantity phrases, like "kernel of 4" or "at most 255", do not count); and
 * 7. the task does not ask for the opposite of what the entry is named for: "rotate right" is not
 *    rotate-left-32, "largest" is not min.
 * Words are matched whole and case-folded (ReLU is relu, never "re" and "lu"), with adjacent task
 * words also read run together ("max pool" and "max-pool" name "maxpool").
 * Calibrated on knowledge-base/retrieval-queries.json and a list of off-topic tasks
 * (match.test.ts).
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
    'function operation result data item items entry entries thing and or not boolean booleans bool'
  ).split(' '),
);

export interface Confidence {
  confident: boolean;
  /** The hit to answer with when confident (not always the best-scored one). */
  chosen?: SearchHit;
  /** The best entry's name, id or tag that the task names most completely. */
  namedBy?: string;
  /** Why the best hit was refused; empty when confident. */
  why: string;
}

export interface ConfidenceOptions {
  rule?: ConfidenceRule;
  /** Every entry of the knowledge base, for rule 6 (default: the hits' entries). */
  entries?: KnowledgeEntry[];
}

export function judgeConfidence(task: string, hits: SearchHit[], options: ConfidenceOptions = {}): Confidence {
  const rule = options.rule ?? DEFAULT_CONFIDENCE;
  const asked = askedWords(task);
  const near = hits.slice(0, rule.near).map((hit) => ({ hit, naming: namingOf(hit.entry, asked) }));
  if (near.length === 0) return { confident: false, why: 'the knowledge base is empty' };
  // The near hit the task names most completely (the better-scored one on a tie): "relu over 16-bit
  // values" names relu although the word "bit" puts assert-boolean first.
  const chosen = near.reduce((a, b) => (b.naming.strength > a.naming.strength ? b : a));
  const { hit: best, naming } = chosen;
  const namedBy = naming.phrase;
  const top = near[0].hit;
  if (top.score < rule.minimumScore) {
    return { confident: false, namedBy, why: `the best match, ${top.entry.id}, scores ${top.score.toFixed(2)} (at least ${rule.minimumScore} needed)` };
  }
  if (best.score < rule.minimumScore / 2) {
    return { confident: false, namedBy, why: `the entry the task names, ${best.entry.id}, scores ${best.score.toFixed(2)} (at least ${rule.minimumScore / 2} needed)` };
  }
  if (!namedBy) return { confident: false, why: `the task does not name ${top.entry.id} (no word of its name or synonyms that says what it does)` };
  const others = near.filter((n) => n !== chosen);
  const runnerUp = others.reduce<(typeof near)[number] | undefined>((a, b) => (!a || b.hit.score > a.hit.score ? b : a), undefined);
  const margin = runnerUp ? (best.score - runnerUp.hit.score) / best.score : 1;
  const namedBest = others.every((r) => r.naming.strength < naming.strength);
  if (margin < rule.minimumMargin && !namedBest) {
    return { confident: false, namedBy, why: `${best.entry.id} and ${runnerUp!.hit.entry.id} match about equally well` };
  }
  const foreign = namedAlgorithms(task).find((name) => !entryText(best.entry).includes(name.toLowerCase()));
  if (foreign) return { confident: false, namedBy, why: `the task names ${foreign}, which ${best.entry.id} is not` };
  // An entry outside the near hits that the task names more completely is what it asks for.
  const fuller = (options.entries ?? []).find((e) => e.id !== best.entry.id && namingOf(e, asked).strength > naming.strength);
  if (fuller) return { confident: false, namedBy, why: `the task names ${fuller.id} more completely ("${namingOf(fuller, asked).phrase}") than ${best.entry.id} ("${namedBy}")` };
  const opposite = oppositeAsked(task, best.entry);
  if (opposite) return { confident: false, namedBy, why: `the task says "${opposite.asked}", and ${best.entry.id} is "${opposite.entry}"` };
  // Hits first, best-scored first, so the other entry named is the likeliest one.
  const more = alsoAsked(withoutQuantities(task), best.entry, [...hits.map((h) => h.entry), ...(options.entries ?? [])]);
  if (more) return { confident: false, namedBy, why: `the task also asks for "${more.word}" (${more.entry.id}), which ${best.entry.id} does not do` };
  return { confident: true, chosen: best, namedBy, why: '' };
}

/** Rule 6: a task word that names another entry and that the best entry's own text never uses. */
function alsoAsked(task: string, best: KnowledgeEntry, entries: KnowledgeEntry[]): { word: string; entry: KnowledgeEntry } | undefined {
  const own = new Set(matchWords(`${entryText(best)} ${best.parameters.map((p) => `${p.name} ${p.description ?? ''}`).join(' ')}`).map(stem));
  for (const word of matchWords(task)) {
    if (!isSpecific(singular(word)) || own.has(stem(word))) continue;
    const other = entries.find((e) => e.id !== best.id && namingWords(e).has(singular(word)));
    if (other) return { word, entry: other };
  }
  return undefined;
}

/** Directions and extremes: an entry named by one word of a pair computes the other wrongly. */
const OPPOSITES: [string, string][] = [
  ['left', 'right'],
  ['max', 'min'],
  ['maximum', 'minimum'],
  ['largest', 'smallest'],
  ['greatest', 'least'],
  ['greater', 'less'],
  ['ascending', 'descending'],
];

/** Rule 7: "rotate right" is not rotate-left-32, "descending" is not an ascending sortedness check. */
function oppositeAsked(task: string, entry: KnowledgeEntry): { asked: string; entry: string } | undefined {
  const asked = new Set(matchWords(task));
  const naming = new Set([entry.name, entry.id.replace(/-/g, ' '), ...entry.tags].flatMap(matchWords));
  for (const pair of OPPOSITES) {
    for (const [mine, theirs] of [pair, [pair[1], pair[0]]]) {
      if (naming.has(mine) && !naming.has(theirs) && asked.has(theirs) && !asked.has(mine)) return { asked: theirs, entry: mine };
    }
  }
  return undefined;
}

/** The specific words of an entry's name, id and tags: what a task would call it by. */
function namingWords(entry: KnowledgeEntry): Set<string> {
  const phrases = [entry.name, entry.id.replace(/-/g, ' '), ...entry.tags];
  return new Set(phrases.flatMap((phrase) => matchWords(phrase).map(singular)).filter(isSpecific));
}

interface Naming {
  /** Words of the longest fully named phrase, half a word more when it is the name or id itself. */
  strength: number;
  phrase?: string;
}

/**
 * The entry's name, id or tag that the task names, the longest one. A phrase is named when all its
 * words occur in the task, or when its words run together occur as adjacent task words run
 * together: "maxpool", "max-pool" and "max pool" all name the tag "max pool", "LeakyReLU" names
 * "leaky relu". Its strength is how many task words it covers.
 */
function namingOf(entry: KnowledgeEntry, asked: Map<string, number>): Naming {
  const phrases: [string, number][] = [
    [entry.name, 0.5],
    [entry.id.replace(/-/g, ' '), 0.5],
    ...entry.tags.map((tag): [string, number] => [tag, 0]),
  ];
  let best: Naming = { strength: 0 };
  for (const [phrase, bonus] of phrases) {
    const phraseWords = matchWords(phrase).map(singular);
    if (phraseWords.length === 0 || !phraseWords.some(isSpecific)) continue;
    // Words the word list leaves out as stop words still count in a phrase: "in range" needs the "in".
    const stops = phrase.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !phraseWords.includes(singular(w)) && !/\d/.test(w));
    const each = phraseWords.every((w) => asked.get(w) === 1) && stops.every((w) => asked.has(`raw:${w}`)) ? phraseWords.length : 0;
    const run = asked.get(phraseWords.join('')) ?? 0;
    const together = run >= 2 ? run : 0;
    const covered = Math.max(each, together && Math.max(together, phraseWords.length));
    const strength = covered ? covered + bonus : 0;
    if (strength > best.strength) best = { strength, phrase };
  }
  return best;
}

/**
 * Words for naming, case folded before they are split: "ReLU" is one word (relu), not "re" and
 * "lu", and 2×2 is 2x2. (The embedder splits camel case so "LessThan" meets "less than"; here the
 * run-together forms of adjacent task words do that.)
 */
export function matchWords(text: string): string[] {
  return words(text.replace(/[×✕]/g, 'x').toLowerCase());
}

/** The task's words (singular) and its runs of two or three adjacent words joined, each with how many words it spans. */
function askedWords(task: string): Map<string, number> {
  const list = matchWords(task).map(singular);
  const asked = new Map<string, number>(task.toLowerCase().split(/[^a-z0-9]+/).map((w) => [`raw:${w}`, 0]));
  for (let span = 3; span >= 1; span--) {
    for (let i = 0; i + span <= list.length; i++) asked.set(singular(list.slice(i, i + span).join('')), span);
  }
  return asked;
}

/** Identifiers with letters and digits (sha256, Ed25519, groth16) and acronyms (ECDSA, JWT) in the task's own spelling. */
function namedAlgorithms(task: string): string[] {
  // Not integer types (uint16, u16, int8), shapes (2x2), bit counts (16bit), ordinals (7th) or 1d / 2d.
  const quantities = /^(?:[uis]?int\d+(?:_t)?|[uis]\d+|\d+x\d+|\d+(?:bits?|st|nd|rd|th|d))$/i;
  const identifiers = (task.replace(/[×✕]/g, 'x').match(/\b(?=[a-z0-9]*[a-z])(?=[a-z0-9]*\d)[a-z0-9]{3,}\b/gi) ?? []).filter((id) => !quantities.test(id));
  const acronyms = task.match(/\b[A-Z]{2,}\b/g) ?? [];
  const primitives = words(task).filter((w) => KNOWN_PRIMITIVES.has(w));
  return [...identifiers, ...acronyms, ...primitives];
}

/** Named primitives written in lower case, which rule 5's shapes would miss. */
const KNOWN_PRIMITIVES = new Set(
  'keccak sha blake blake2 blake3 ripemd pedersen mimc rescue griffin anemoi reinforced schnorr ecdsa eddsa bls kzg rsa aes chacha salsa hmac bcrypt scrypt argon2 secp256k1 babyjubjub jubjub ed25519 x25519 groth16 plonk halo2 stark fri'.split(' '),
);

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
