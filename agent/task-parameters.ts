/**
 * Parameter values stated in a task's words: "softmax over 8 values" → n = 8, "16-bit less than"
 * → bits = 16, "depth 5", "shift right by 3 bits", "n=3". Each value is matched to a parameter the
 * entry declares by what the parameter is (its name and description: a width, a count, a depth, a
 * window, fractional bits, a shift amount), and says which phrase it came from, so the user can see
 * why. Quantities no declared parameter takes are returned too: knowledge-base mode tells the user
 * it could not apply them rather than ignoring them.
 */
export interface ParameterSpec {
  name: string;
  default: number;
  description?: string;
}

export interface StatedParameter {
  name: string;
  value: number;
  phrase: string;
}

export interface UnmatchedQuantity {
  value: number;
  phrase: string;
  /** What kind of parameter the phrase asks for, in words ("a width in bits"). */
  wanted: string;
  /** Parameters that could take it when there are several and the words do not say which. */
  ambiguous: string[];
}

export interface TaskParameters {
  stated: StatedParameter[];
  unmatched: UnmatchedQuantity[];
}

type Kind = 'width' | 'count' | 'depth' | 'window' | 'fraction' | 'amount' | 'exponent';

const KIND_WORDS: Record<Kind, string> = {
  width: 'a width in bits',
  count: 'a number of elements',
  depth: 'a depth',
  window: 'a window or kernel size',
  fraction: 'a number of fractional bits',
  amount: 'a shift or rotation amount',
  exponent: 'an exponent',
};

const COUNT_NAMES = /^(n|m|size|len|length|count|rows|cols|dim)$/i;

/** Which declared parameters can take a quantity of each kind. */
const ACCEPTS: Record<Kind, (p: ParameterSpec) => boolean> = {
  width: (p) => /^(bits?|width)$/i.test(p.name) || /\bwidth\b|number of bits/i.test(p.description ?? ''),
  count: (p) => COUNT_NAMES.test(p.name) && !ACCEPTS.width(p),
  depth: (p) => /depth|levels/i.test(p.name),
  window: (p) => /window|kernel/i.test(`${p.name} ${p.description ?? ''}`),
  fraction: (p) => /^frac/i.test(p.name),
  amount: (p) => /\bamount\b/i.test(p.description ?? ''),
  exponent: (p) => /\bexponent\b/i.test(`${p.name} ${p.description ?? ''}`),
};

const COUNT_NOUNS = 'values|elements|inputs|outputs|items|numbers|logits|entries|scores|words|booleans|signals|features|terms|factors|classes|coefficients';

/** In order: an earlier rule's phrase is not read again by a later one ("by 3 bits" is not a width). */
const RULES: { kind: Kind; pattern: RegExp }[] = [
  // x^7, x**7 (a letter base: 2^16 is a bound, not an exponent to apply), "to the power 7", "exponent 7".
  { kind: 'exponent', pattern: /(?:\bto the power(?: of)?\s+|(?<=[a-z)\]])\s*(?:\^|\*\*)\s*|\bexponent\s+(?:of\s+)?)(\d+)\b/gi },
  { kind: 'exponent', pattern: /\b(\d+)(?:st|nd|rd|th)\s+power\b/gi },
  { kind: 'amount', pattern: /\bby\s+(\d+)(?:\s+(?:bits?|places|positions))?\b/gi },
  { kind: 'fraction', pattern: /\b(\d+)\s+fractional\s+bits?\b/gi },
  { kind: 'width', pattern: /\b(\d+)[- ]?bits?\b/gi },
  { kind: 'count', pattern: new RegExp(`\\b(?:over|of|for|with|on|across|takes?|has)\\s+(\\d+)\\s+(${COUNT_NOUNS})\\b`, 'gi') },
  { kind: 'count', pattern: /\b(?:length|size|dimension)\s+(?:of\s+)?(\d+)\b/gi },
  { kind: 'count', pattern: /\b(\d+)[- ](?:element|value|input|entry|item|term)s?\b/gi },
  { kind: 'depth', pattern: /\bdepth\s+(?:of\s+)?(\d+)\b/gi },
  { kind: 'window', pattern: /\b(?:window|kernel)\s+(?:of\s+|size\s+)?(\d+)\b/gi },
];

export function readTaskParameters(task: string, parameters: ParameterSpec[]): TaskParameters {
  const stated = new Map<string, StatedParameter>();
  const unmatched: UnmatchedQuantity[] = [];
  const read: [number, number][] = [];
  const overlaps = (start: number, end: number) => read.some(([s, e]) => start < e && s < end);
  // Explicit assignments win: "n=8", "bits: 16".
  for (const p of parameters) {
    const explicit = new RegExp(`\\b${p.name}\\s*[=:]\\s*(\\d+)\\b`, 'i').exec(task);
    if (!explicit) continue;
    stated.set(p.name, { name: p.name, value: Number(explicit[1]), phrase: explicit[0] });
    read.push([explicit.index, explicit.index + explicit[0].length]);
  }
  for (const rule of RULES) {
    for (const match of task.matchAll(rule.pattern)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (overlaps(start, end)) continue;
      read.push([start, end]);
      const value = Number(match[1]);
      if (!Number.isSafeInteger(value) || value <= 0) continue;
      const { target, ambiguous } = chooseParameter(parameters, rule.kind, match[2]);
      if (target && !stated.has(target.name)) stated.set(target.name, { name: target.name, value, phrase: match[0] });
      else if (!target) unmatched.push({ value, phrase: match[0], wanted: KIND_WORDS[rule.kind], ambiguous });
    }
  }
  const valid = [...stated.values()].filter((s) => Number.isSafeInteger(s.value) && s.value > 0);
  return { stated: valid, unmatched };
}

/** The parameters the task states, without what it states that the entry has no parameter for. */
export function parametersFromTask(task: string, parameters: ParameterSpec[]): StatedParameter[] {
  return readTaskParameters(task, parameters).stated;
}

/**
 * The parameter a quantity is for. Two count parameters (a dense layer's inputs and outputs) are
 * told apart by the noun: "with 8 inputs" → the one described as inputs; with no noun to go by,
 * the choice would be a guess, so there is none.
 */
function chooseParameter(parameters: ParameterSpec[], kind: Kind, noun: string | undefined): { target?: ParameterSpec; ambiguous: string[] } {
  const candidates = parameters.filter(ACCEPTS[kind]);
  if (candidates.length <= 1) return { target: candidates[0], ambiguous: [] };
  const singular = noun?.toLowerCase().replace(/s$/, '');
  const described = singular ? candidates.filter((p) => (p.description ?? '').toLowerCase().includes(singular)) : [];
  return described.length === 1 ? { target: described[0], ambiguous: [] } : { ambiguous: candidates.map((p) => p.name) };
}
