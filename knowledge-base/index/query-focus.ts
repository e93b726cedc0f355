/**
 * What a task computes, apart from how it states its inputs. A task text mixes the two: "out = 1
 * when a < b, else 0, for unsigned 8-bit integers a and b. Refuse any input of 2^8 or more." Only
 * the first part says which entry answers it; the rest (widths, bounds, refusals, the signed
 * convention) is shared by most tasks, and its words ("2^8" read as a power, "or more", "range")
 * pulled softmax, pow-const or logic-or ahead of the entry the task names.
 */

export interface QueryClause {
  text: string;
  /** 1 for what the task computes; less for a statement about the inputs' domain. */
  weight: number;
}

/** Weight of a clause that only states the inputs' domain (kept, so a pure range task still finds range entries). */
export const DOMAIN_WEIGHT = 0.25;

/** Notation rewritten into the words entries use, before words are split. */
const NOTATION: [RegExp, string][] = [
  // max(x, 0) is ReLU, whatever x is
  [/\bmax\s*\(\s*[^(),]+(?:\([^()]*\))?[^(),]*,\s*0\s*\)|\bmax\s*\(\s*0\s*,[^()]*(?:\([^()]*\))?[^()]*\)/gi, ' relu '],
  // lo <= x <= hi (or <): a range test
  [/\b[\w[\]]+\s*<=?\s*[\w[\]]+\s*<=?\s*[\w[\]]+/g, ' in range between '],
  // out = arr[idx]: selection by a variable index
  [/=\s*[A-Za-z_]\w*\s*\[\s*(?:idx|index|sel|selector|i)\s*\]/g, ' = element at index, array access '],
  // out = 1 when …, else 0: a flag's two values, not the number zero or one
  [/=\s*1\s+(?=when\b|if\b|iff\b)/gi, ' = '],
  [/\belse\s+0\b|\botherwise\s+0\b/gi, ' '],
];

/** Clauses that only describe the domain of the inputs: bounds, signedness, refusals. */
const DOMAIN_CLAUSE: RegExp[] = [
  /^\s*(?:refuse|reject)\b/i,
  /\bsigned values are field elements\b/i,
  /\bnegative \w+ is p\b/i,
  /^\s*[\w[\].,\s]+\b(?:are|is)\s+(?:an?\s+)?(?:un)?signed\b/i,
  /^\s*[\w[\].,\s]+\b(?:are|is)\s+(?:u?int\d+|\d+-bit)\b/i,
];

/** A trailing "for unsigned 16-bit integers x, lo, hi" inside a computing clause is domain too. */
const DOMAIN_PHRASE = /,?\s*\bfor\s+(?:(?:un)?signed\s+)?(?:\d+-bit\s+|u?int\d+\s+)(?:integers?|values?|inputs?)\b[^.;]*/gi;

/**
 * The task text in weighted clauses: notation rewritten, each sentence weighted by whether it says
 * what is computed. A text that is all domain (a range check) keeps full weight.
 * Example: `focusQuery('out = 1 when a < b, else 0, for unsigned 8-bit integers a and b. Refuse any
 * input of 2^8 or more.')` → 'out = when a < b' at weight 1; ', for unsigned 8-bit integers a and b'
 * and 'Refuse any input of 2^8 or more.' at DOMAIN_WEIGHT.
 */
export function focusQuery(task: string): QueryClause[] {
  let text = task;
  for (const [pattern, words] of NOTATION) text = text.replace(pattern, words);
  const clauses: QueryClause[] = [];
  for (const sentence of text.split(/(?<=[.;:])\s+|\n+/)) {
    if (!sentence.trim()) continue;
    if (DOMAIN_CLAUSE.some((p) => p.test(sentence))) {
      clauses.push({ text: sentence, weight: DOMAIN_WEIGHT });
      continue;
    }
    const phrases = sentence.match(DOMAIN_PHRASE) ?? [];
    const rest = sentence.replace(DOMAIN_PHRASE, ' ');
    clauses.push({ text: rest, weight: 1 });
    for (const phrase of phrases) clauses.push({ text: phrase, weight: DOMAIN_WEIGHT });
  }
  const computing = clauses.filter((c) => c.weight === 1 && /[A-Za-z]{2,}/.test(c.text));
  return computing.length ? clauses : clauses.map((c) => ({ ...c, weight: 1 }));
}
