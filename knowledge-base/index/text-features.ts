/**
 * Words and character n-grams of a text, for the offline embedder. camelCase and snake_case names are
 * split (`LessThan` → less, than), a few suffixes are stripped so "comparing" meets "compare", and
 * character n-grams let "sqrt" meet "square root"-style morphology that shares letters.
 */

const STOP_WORDS = new Set(
  'a an and are as at be by for from has have i in into is it its of on or over that the this to was were which with without me my we our you your give make build write prove proves proving circuit circuits gadget gadgets please want need using use can how do does'.split(
    ' ',
  ),
);

export interface Feature {
  key: string;
  weight: number;
}

export function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w));
}

/** A light suffix stripper: enough to merge inflections, not a full Porter stemmer. */
export function stem(word: string): string {
  if (word.length <= 4 || /^\d+$/.test(word)) return word;
  for (const suffix of ['ations', 'ation', 'ings', 'ing', 'ness', 'ised', 'ized', 'ise', 'ize', 'ies', 'ed', 'es', 'ly', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 3) {
      const base = word.slice(0, -suffix.length);
      return suffix === 'ies' ? `${base}y` : base;
    }
  }
  return word;
}

/** Weighted features of a text: stemmed words, word pairs and character 3/4-grams. */
export function textFeatures(text: string, weight = 1): Feature[] {
  const stems = words(text).map(stem);
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
