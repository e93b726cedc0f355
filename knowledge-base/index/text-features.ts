import { focusQuery } from './query-focus.js';
import { relatedWords } from './synonyms.js';

/**
 * Words and character n-grams of a text, for the offline embedder. camelCase and snake_case names are
 * split (`LessThan` → less, than), a few suffixes are stripped so "comparing" meets "compare", and
 * character n-grams let "sqrt" meet "square root"-style morphology that shares letters.
 */

const STOP_WORDS = new Set(
  'a an are as at be by for from has have i in into is it its of on over that the this to was were which with without me my we our you your give make build write prove proves proving circuit circuits gadget gadgets please want need using use can how do does'.split(
    ' ',
  ),
);

/**
 * Words that stay searchable (they name logic gates: "and", "or", "not") but are too common in
 * descriptions to count as a reason a hit matched, except in its name.
 */
export const FILLER_WORDS = new Set('and or not all any each every both either then than if else also only so but when where what out up there their one'.split(' '));

export interface Feature {
  key: string;
  weight: number;
}

/** Operators people type in queries ("a < b", "x^2") and that tags use, as searchable words. */
const SYMBOLS: [RegExp, string][] = [
  [/<=/g, ' lte '],
  [/>=/g, ' gte '],
  [/==/g, ' eq '],
  [/!=/g, ' neq '],
  [/>>/g, ' shr '],
  [/<</g, ' shl '],
  [/&&/g, ' and '],
  [/\|\|/g, ' or '],
  [/</g, ' lt '],
  [/>/g, ' gt '],
  [/\^/g, ' pow '],
  [/%/g, ' mod '],
  [/!/g, ' not '],
];

/**
 * Rewrites for the embedder only (entries and queries alike; knowledge-base mode's naming rules
 * read the plain words): 2^16, "x < 2^n", "a power of two" are a bound or a width (range checks,
 * shifts), their own word, so they never meet raising x to a power (x^5: pow); "16-bit" and
 * "16 bits" are one width ("bit" alone is a boolean).
 */
const EMBEDDING_REWRITES: [RegExp, string][] = [
  [/\b2\s*(?:\^|\*\*)/g, ' pow2 '],
  [/\bpowers? of (?:two|2)\b/gi, ' pow2 '],
  [/\b(\d+)[- ]bits?\b/g, ' $1 bits '],
];

/** The words the embedder sees. Example: `embeddingWords('x < 2^16')` → ['lt', 'pow2', '16']. */
export function embeddingWords(text: string): string[] {
  let rewritten = text;
  for (const [pattern, word] of EMBEDDING_REWRITES) rewritten = rewritten.replace(pattern, word);
  return words(rewritten);
}

const NUMBER_WORDS: Record<string, string> = { '0': 'zero', '1': 'one', '2': 'two', '4': 'four' };

export function words(text: string): string[] {
  let spaced = text;
  for (const [pattern, word] of SYMBOLS) spaced = spaced.replace(pattern, word);
  return spaced
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .map((w) => NUMBER_WORDS[w] ?? w)
    // Single letters are variable names (a, b, x), not meaning.
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOP_WORDS.has(w));
}

/**
 * A light suffix stripper: enough to merge inflections ("negate", "negation", "negated"), not a
 * full Porter stemmer.
 */
export function stem(word: string): string {
  if (word.length <= 4 || /^\d+$/.test(word)) return word;
  let base = word;
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ness', 'ised', 'ized', 'ies', 'ed', 'es', 'ly', 's']) {
    if (base.endsWith(suffix) && base.length - suffix.length >= 3) {
      base = suffix === 'ies' ? `${base.slice(0, -3)}y` : base.slice(0, -suffix.length);
      break;
    }
  }
  if (base.length > 4 && base.endsWith('e')) base = base.slice(0, -1);
  return base;
}

/** Weighted features of a text: stemmed words, word pairs and character 3/4-grams. */
export function textFeatures(text: string, weight = 1): Feature[] {
  const stems = embeddingWords(text).map(stem);
  const features: Feature[] = [];
  for (const [i, s] of stems.entries()) {
    features.push({ key: `w:${s}`, weight });
    if (i > 0) features.push({ key: `b:${stems[i - 1]}_${s}`, weight: weight * 0.5 });
    const padded = `<${s}>`;
    const grams: string[] = [];
    for (const n of [3, 4]) for (let j = 0; j + n <= padded.length; j++) grams.push(padded.slice(j, j + n));
    for (const g of grams) features.push({ key: `c:${g}`, weight: (weight * 0.6) / Math.max(grams.length, 1) });
  }
  return features;
}

/**
 * Query features: the query's own words plus, at a third of the weight, related words from the
 * thesaurus (only as whole words, no character n-grams, so they cannot drown the query itself).
 * Clauses that only state the inputs' domain (widths, bounds, refusals) weigh less than what the
 * task computes (query-focus.ts).
 */
export function queryFeatures(text: string): Feature[] {
  return focusQuery(text).flatMap(({ text: clause, weight }) => {
    const own = textFeatures(clause, weight);
    const related = embeddingWords(clause).flatMap((w) => relatedWords(w)).map((w) => ({ key: `w:${stem(w)}`, weight: 0.35 * weight }));
    return [...own, ...related];
  });
}
