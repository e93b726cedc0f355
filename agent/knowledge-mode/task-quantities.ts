/**
 * Every quantity a task states, found by its phrasing: "16-bit", "uint16", "u16", "x < 2^16",
 * "x < 65536", "4 inputs and 3 outputs", "4x3", "over 10 logits", "depth 5", "window of 3",
 * "8 fractional bits", "Q8.8", "n=8", "by 3 bits", "x^7", "degree 3". A number no phrasing explains
 * is returned too (kind `number`): knowledge-base mode must use every number the task states or
 * refuse, so none may slip through unread.
 */
export type QuantityKind =
  | 'explicit'
  | 'width'
  | 'count'
  | 'operands'
  | 'shape'
  | 'mapping'
  | 'qformat'
  | 'depth'
  | 'leaves'
  | 'window'
  | 'stride'
  | 'fraction'
  | 'amount'
  | 'scale'
  | 'power'
  | 'limit'
  | 'nonnegative'
  | 'exponent'
  | 'degree'
  | 'bound'
  | 'number';

export interface Quantity {
  kind: QuantityKind;
  value: number;
  /** The second number of a shape (columns), a mapping (outputs) or a Q format (fractional bits). */
  second?: number;
  /** The phrase it was read from, in the task's words (number words as digits). */
  phrase: string;
  /** The noun a count counts ("inputs"), or the name an explicit assignment sets ("n"). */
  noun?: string;
  /** A width that is said to be signed (int16, i16) or unsigned (uint16, u16). */
  signedness?: Signedness;
}

export type Signedness = 'signed' | 'unsigned';

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, sixteen: 16, twenty: 20, 'thirty-two': 32, 'sixty-four': 64,
};

/** What a count counts: elements of one input (values) … */
const ELEMENT_NOUNS = 'values?|elements?|inputs?|outputs?|items?|numbers?|integers?|logits?|entries|entry|scores?|words?|booleans?|signals?|features?|terms?|factors?|classes|class|coefficients?|neurons?|units?|lanes?|digits?|probabilit(?:y|ies)|activations?|samples?|weights?|rows?|columns?|cols?';
/** … or whole operands (two vectors, two matrices). */
const OPERAND_NOUNS = 'vectors?|matri(?:x|ces)|arrays?|lists?|operands?|arguments?|tensors?';

const NUM = '(\\d+)';
/** A comparison that bounds a value from above, exclusive or inclusive (group 1). */
const BOUND_WORDS = '(?:(<=|≤|at most|up to|no more than|less than or equal to)|<|below|under|less than|smaller than|fits? (?:in|into|within)|within|in \\[0,\\s*)';
/** A number that is not followed by what it counts ("up to 8 values" is a count, not a bound). */
const UNCOUNTED = `(?![.\\d^*])(?!\\s*[- ]?(?:bits?|${ELEMENT_NOUNS}|${OPERAND_NOUNS})\\b)`;
/** Up to two words between a number and the noun it counts: "8 signed 16-bit values". */
const BETWEEN = '(?:(?!(?:of|and|or|to|by|from|with|in|into|than|per|each)\\b)[\\w^*.]+(?:-[\\w^*.]+)*[- ]+){0,2}?';

interface Rule {
  kind: QuantityKind;
  pattern: RegExp;
  read: (match: RegExpMatchArray) => Omit<Quantity, 'phrase'> | undefined;
}

const single = (kind: QuantityKind, group = 1) => (m: RegExpMatchArray) => ({ kind, value: Number(m[group]) });

/** In order: an earlier rule's phrase is not read again by a later one ("by 3 bits" is not a width). */
const RULES: Rule[] = [
  { kind: 'explicit', pattern: /\b([a-z_][a-z0-9_]*)\s*(?:=|:)\s*(\d+)(?![.\d])/gi, read: (m) => ({ kind: 'explicit', value: Number(m[2]), noun: m[1].toLowerCase() }) },
  { kind: 'qformat', pattern: /\bq(\d+)\.(\d+)\b/gi, read: (m) => ({ kind: 'qformat', value: Number(m[1]), second: Number(m[2]) }) },
  // 2x3 by 3x4, 4x3, 4 by 3 (a 3-D shape is read as numbers no entry takes).
  { kind: 'shape', pattern: /\b(\d+)\s*x\s*(\d+)\b/gi, read: (m) => ({ kind: 'shape', value: Number(m[1]), second: Number(m[2]) }) },
  { kind: 'shape', pattern: /\b(\d+)\s+by\s+(\d+)\b/gi, read: (m) => ({ kind: 'shape', value: Number(m[1]), second: Number(m[2]) }) },
  // 4 -> 3, from 4 to 3 (inputs to outputs).
  { kind: 'mapping', pattern: /\b(\d+)\s*(?:->|=>|→)\s*(\d+)\b/g, read: (m) => ({ kind: 'mapping', value: Number(m[1]), second: Number(m[2]) }) },
  { kind: 'mapping', pattern: /\bfrom\s+(\d+)\s+to\s+(\d+)\b/gi, read: (m) => ({ kind: 'mapping', value: Number(m[1]), second: Number(m[2]) }) },
  // 0 <= x: the lower bound an unsigned width already has.
  { kind: 'nonnegative', pattern: /(?<![\w.])0\s*(?:<=|≤)\s*(?=[a-z_])/gi, read: () => ({ kind: 'nonnegative', value: 0 }) },
  // x < 2^16, x <= 2^16 - 1, below 65536, at most 255: an exclusive bound 2^k is a limit of k bits.
  { kind: 'bound', pattern: new RegExp(`${BOUND_WORDS}\\s*2\\s*(?:\\^|\\*\\*)\\s*${NUM}(\\s*-\\s*1\\b)?`, 'gi'), read: (m) => powerBound(2n ** BigInt(m[2]) - (m[3] ? 1n : 0n), Boolean(m[1])) },
  { kind: 'bound', pattern: new RegExp(`${BOUND_WORDS}\\s*${NUM}${UNCOUNTED}`, 'gi'), read: (m) => powerBound(BigInt(m[2]), Boolean(m[1])) },
  // divide by 2^4, scale 2^8, divide by 16: a power-of-two scale.
  { kind: 'scale', pattern: /(?:\bby|\bscale(?:\s+(?:of|factor))?)\s*(?:=\s*)?2\s*(?:\^|\*\*)\s*(\d+)\b/gi, read: single('scale') },
  { kind: 'scale', pattern: /\b(?:(?:divided?|scaled?)\s+by|scale(?:\s+(?:of|factor))?)\s*(?:=\s*)?(\d+)(?![.\d^*])/gi, read: (m) => powerOfTwo(Number(m[1]), 'scale') },
  { kind: 'leaves', pattern: /\b(?:2\s*(?:\^|\*\*)\s*(\d+)|(\d+))\s+(?:leaf|leaves)\b/gi, read: (m) => (m[1] ? { kind: 'depth', value: Number(m[1]) } : m[2] ? powerOfTwo(Number(m[2]), 'depth') : undefined) },
  // Any other 2^k: the parameter the entry's description raises 2 to (range-check's "below 2^bits").
  { kind: 'power', pattern: /(?<![\w)\]])2\s*(?:\^|\*\*)\s*(\d+)\b/g, read: single('power') },
  // x^7, x**7 (a letter base), "to the power 7", "7th power", "exponent 7".
  { kind: 'exponent', pattern: /(?:\bto the power(?: of)?\s+|(?<=[a-z)\]])\s*(?:\^|\*\*)\s*|\bexponent\s+(?:of\s+)?)(\d+)\b/gi, read: single('exponent') },
  { kind: 'exponent', pattern: /\b(\d+)(?:st|nd|rd|th)\s+power\b/gi, read: single('exponent') },
  { kind: 'degree', pattern: /\bdegree[- ](?:of\s+)?(\d+)\b|\b(\d+)(?:st|nd|rd|th)[- ]degree\b/gi, read: (m) => ({ kind: 'degree', value: Number(m[1] ?? m[2]) }) },
  { kind: 'fraction', pattern: /\b(\d+)[- ]?(?:fractional|frac|fraction)[- ]bits?\b|\bfrac(?:tional bits?)?\s+(?:of\s+)?(\d+)\b|\b(\d+)\s+bits?\s+of\s+(?:fraction|precision)\b/gi, read: (m) => ({ kind: 'fraction', value: Number(m[1] ?? m[2] ?? m[3]) }) },
  { kind: 'amount', pattern: /\bby\s+(\d+)(?![.\d^*])(?:\s+(?:bits?|places|positions))?\b/gi, read: single('amount') },
  { kind: 'depth', pattern: /\b(?:depth|height)[- ](?:of\s+)?(\d+)\b|\b(\d+)[- ](?:levels?|deep)\b/gi, read: (m) => ({ kind: 'depth', value: Number(m[1] ?? m[2]) }) },
  { kind: 'stride', pattern: /\bstride[- ](?:of\s+)?(\d+)\b/gi, read: single('stride') },
  {
    kind: 'window',
    pattern: new RegExp(`\\b(?:window|kernel|pool|filter|patch)(?:[- ]size)?\\s*(?:of\\s+)?(?:size\\s+)?(?:length\\s+)?${NUM}${UNCOUNTED}|\\b${NUM}[- ](?:wide\\s+|sized?\\s+)?(?:window|kernel|pool|filter|tap)s?\\b|\\bsize[- ]${NUM}\\s+(?:window|kernel|filter)`, 'gi'),
    read: (m) => ({ kind: 'window', value: Number(m[1] ?? m[2] ?? m[3]) }),
  },
  // uint16, u16, int8, i8, sint16: a width, and whether it is signed.
  { kind: 'width', pattern: /\b(u|i|s)?int(\d+)(?:_t)?\b/gi, read: (m) => ({ kind: 'width', value: Number(m[2]), signedness: m[1]?.toLowerCase() === 'u' ? 'unsigned' : 'signed' }) },
  { kind: 'width', pattern: /\b([uis])(\d+)\b/gi, read: (m) => ({ kind: 'width', value: Number(m[2]), signedness: m[1].toLowerCase() === 'u' ? 'unsigned' : 'signed' }) },
  // "of 8 bits" could be eight booleans as well as a width: the noun is kept for the parameters to decide.
  { kind: 'width', pattern: new RegExp(`\\b(?:(of|over|across|for)\\s+)?${NUM}[- ]?(bits?)(?:[- ]wide)?\\b(?!\\s*[- ]?(?:${ELEMENT_NOUNS}|wide)\\b)`, 'gi'), read: (m) => ({ kind: 'width', value: Number(m[2]), noun: m[1] && m[3] === 'bits' ? 'bits' : undefined }) },
  { kind: 'width', pattern: /\b(\d+)[- ]?bits?(?:[- ]wide)?\b/gi, read: single('width') },
  { kind: 'width', pattern: /\b(?:bit[- ]?)?width\s+(?:of\s+)?(\d+)\b/gi, read: single('width') },
  // Bytes are both a count and a width (unsigned 8-bit): no entry takes them as one.
  { kind: 'number', pattern: /\b(\d+)\s+bytes?\b/gi, read: single('number') },
  // "8-element vectors": an adjective that counts the elements, before the operands it describes.
  { kind: 'count', pattern: /\b(\d+)-(?:element|value|entry|item|term|input|dimensional)\b/gi, read: (m) => ({ kind: 'count', value: Number(m[1]), noun: 'elements' }) },
  { kind: 'operands', pattern: new RegExp(`\\b${NUM}[- ]${BETWEEN}(${OPERAND_NOUNS})\\b`, 'gi'), read: (m) => ({ kind: 'operands', value: Number(m[1]), noun: m[2].toLowerCase() }) },
  { kind: 'count', pattern: new RegExp(`\\b${NUM}[- ]${BETWEEN}(${ELEMENT_NOUNS}|way|ary)\\b`, 'gi'), read: (m) => ({ kind: 'count', value: Number(m[1]), noun: m[2].toLowerCase() }) },
  { kind: 'count', pattern: new RegExp(`\\b(?:(?:array|vector|list|row|sequence|tuple|batch|set|layer)\\s+of\\s+(?:length\\s+|size\\s+)?|(?:length|size|dimension|dim|len)[- ](?:of\\s+)?|(?:over|among|across|of)\\s+)${NUM}(?![.\\d])`, 'gi'), read: single('count') },
  { kind: 'number', pattern: /\d+(?:\.\d+)?/g, read: (m) => ({ kind: 'number', value: Number(m[0]) }) },
];

/**
 * Where a number follows a comparison: an exclusive bound 2^k is a limit of k bits. It sets only a
 * parameter that is itself such a bound (range-check's "x must be below 2^bits"): "a < 2^16" for
 * less-than would compare with a constant, which a comparator of two inputs does not do.
 */
function powerBound(bound: bigint, inclusive: boolean): Omit<Quantity, 'phrase'> {
  const exclusive = inclusive ? bound + 1n : bound;
  const bits = exclusive.toString(2).length - 1;
  if (exclusive > 1n && exclusive === 1n << BigInt(bits)) return { kind: 'limit', value: bits };
  return { kind: 'bound', value: Number(bound) };
}

function powerOfTwo(value: number, kind: QuantityKind): Omit<Quantity, 'phrase'> {
  const log = Math.log2(value);
  return Number.isInteger(log) && log > 0 ? { kind, value: log } : { kind: 'number', value };
}

export interface ReadOptions {
  /** Phrases to leave unread: what the entry is called by (conv1d, int8, 4-to-1, x^5). */
  masked?: string[];
  /** Parameter names of three letters or more, read as assignments without "=" too ("shift 3", "slope 13"). */
  names?: string[];
}

/** The quantities a task states, in the order of the rules that read them. */
export function readQuantities(task: string, options: ReadOptions = {}): Quantity[] {
  return scan(task, options).quantities;
}

/**
 * The task with its quantity phrases blanked out: "at most 2^16 - 1", "a kernel of 4", "8 int8
 * logits" state sizes, and their words (most, kernel, int8, logits) ask for no other operation.
 */
export function withoutQuantities(task: string): string {
  const { text, spans } = scan(task, {});
  let blanked = text;
  for (const [start, end] of spans) blanked = blanked.slice(0, start) + ' '.repeat(end - start) + blanked.slice(end);
  return blanked;
}

function scan(task: string, options: ReadOptions): { text: string; quantities: Quantity[]; spans: [number, number][] } {
  let text = normalise(task);
  for (const phrase of options.masked ?? []) text = text.replace(phrasePattern(phrase), (m) => ' '.repeat(m.length));
  const read: [number, number][] = [];
  const overlaps = (start: number, end: number) => read.some(([s, e]) => start < e && s < end);
  const quantities: Quantity[] = [];
  const named = (options.names ?? []).filter((name) => /^[a-z]{3,}$/i.test(name));
  const byName: Rule[] = named.length
    ? [{ kind: 'explicit', pattern: new RegExp(`\\b(${named.join('|')})\\s+(?:of\\s+)?(\\d+)(?![.\\d^*]|[- ]?bits?\\b)`, 'gi'), read: (m) => ({ kind: 'explicit', value: Number(m[2]), noun: m[1].toLowerCase() }) }]
    : [];
  for (const rule of [RULES[0], ...byName, ...RULES.slice(1)]) {
    // With indices, so a phrase is skipped only when one of its numbers was read already: "8 signed
    // 16-bit values" is a count of 8 although a width rule read its 16.
    const pattern = new RegExp(rule.pattern.source, `${rule.pattern.flags}d`);
    for (const match of text.matchAll(pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      const numbers = [...(match.indices ?? [])].filter((span, i): span is [number, number] => i > 0 && span !== undefined && /^\d/.test(match[i]));
      const spans = rule.kind === 'number' ? [[start, end] as [number, number]] : numbers;
      if (spans.some(([s, e]) => overlaps(s, e))) continue;
      // A number between a count and its noun must have been read already ("16" of "8 16-bit values").
      const inside = [...match[0].matchAll(/\d+/g)].map((d): [number, number] => [start + d.index, start + d.index + d[0].length]);
      if (rule.kind === 'count' || rule.kind === 'operands') {
        if (inside.some(([s, e]) => !numbers.some(([ns, ne]) => ns <= s && e <= ne) && !overlaps(s, e))) continue;
      }
      const quantity = rule.read(match);
      if (!quantity) continue;
      read.push([start, end]);
      quantities.push({ ...quantity, phrase: match[0].trim() });
    }
  }
  return { text, quantities, spans: read };
}

/** The signedness the task's words ask for ("signed 16-bit values", "unsigned bytes"), if any. */
export function statedSignedness(task: string, masked: string[] = []): Signedness | undefined {
  let text = normalise(task);
  for (const phrase of masked) text = text.replace(phrasePattern(phrase), (m) => ' '.repeat(m.length));
  if (/\bunsigned\b/i.test(text)) return 'unsigned';
  if (/\bsigned\b|\btwo'?s[- ]complement\b/i.test(text)) return 'signed';
  return undefined;
}

/** Symbols and number words as the rules expect them: 2×2 → 2x2, "eight values" → "8 values". */
function normalise(task: string): string {
  let text = task.replace(/[×✕]/g, 'x').replace(/[−–]/g, '-').replace(/≥/g, '>=');
  const words = Object.keys(NUMBER_WORDS).join('|');
  const counted = `${ELEMENT_NOUNS}|${OPERAND_NOUNS}|bits?|levels?|leaves|fractional|way|deep|wide|dimensional`;
  // "power of two" is a kind of number, not a quantity; "one" is too common to count elsewhere ("one of", "one-hot").
  text = text.replace(/\bpowers? of two\b/gi, (m) => m.replace(/two/i, 'TWO_'));
  text = text.replace(/\b(?:a )?(?:pair|couple)(?: of)?\b/gi, '2').replace(/\b(?:a )?dozen\b/gi, '12');
  // A byte or a nibble is a width: "range check a byte" is 8 bits, "of 4 bytes" a number no entry counts.
  text = text.replace(/\b(a|an|one|each|every|per)\s+(byte|nibble)\b/gi, (_, article: string, unit: string) => `${article} ${unit.toLowerCase() === 'byte' ? 8 : 4}-bit unsigned value`);
  const spell = (w: string) => String(NUMBER_WORDS[w.toLowerCase()]);
  text = text.replace(new RegExp(`\\bone(?=[- ](?:${counted})\\b)`, 'gi'), spell);
  text = text.replace(new RegExp(`\\b(${words.replace('one|', '')})(?=[- ]${BETWEEN}(?:${counted})\\b)`, 'gi'), spell);
  text = text.replace(new RegExp(`\\b(${words.replace('one|', '')})\\b`, 'gi'), spell);
  return text.replace(/TWO_/g, 'two');
}

/** A phrase matched case-insensitively, with any separators between its letters and digits ("1d" meets "1-D"). */
function phrasePattern(phrase: string): RegExp {
  const chunks = phrase.toLowerCase().match(/[a-z]+|\d+/g) ?? [];
  const escaped = chunks.map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`(?<![a-z0-9])${escaped.join('[^a-z0-9]{0,3}')}(?![a-z0-9])`, 'gi');
}
