/**
 * Parameter values stated in a task's words: "softmax over 8 values" → n = 8, "16-bit less than"
 * → bits = 16, "depth 5", "n=3". Only parameters the entry declares are filled, and every value
 * says which phrase it came from, so the user can see why.
 */
export interface ParameterSpec {
  name: string;
  default: number;
}

export interface StatedParameter {
  name: string;
  value: number;
  phrase: string;
}

const COUNT_NAMES = /^(n|size|len|length|count|k|rows|cols|dim|width)$/i;
const BIT_NAMES = /bits?$|^width$/i;

interface Rule {
  pattern: RegExp;
  /** Which declared parameter the number is for. */
  accepts: (name: string) => boolean;
}

const RULES: Rule[] = [
  { pattern: /(\d+)[- ]?bits?\b/gi, accepts: (name) => BIT_NAMES.test(name) },
  {
    pattern: /\b(?:over|of|for|with|on|across)\s+(\d+)\s+(?:values|elements|inputs|items|numbers|logits|entries|scores|words|bits|booleans|signals|features)\b/gi,
    accepts: (name) => COUNT_NAMES.test(name),
  },
  { pattern: /\b(?:length|size|dimension)\s+(?:of\s+)?(\d+)\b/gi, accepts: (name) => COUNT_NAMES.test(name) },
  { pattern: /\b(\d+)[- ](?:element|value|input|entry|item)s?\b/gi, accepts: (name) => COUNT_NAMES.test(name) },
  { pattern: /\bdepth\s+(?:of\s+)?(\d+)\b/gi, accepts: (name) => /depth|levels/i.test(name) },
  { pattern: /\bwindow\s+(?:of\s+|size\s+)?(\d+)\b/gi, accepts: (name) => /window|kernel|k$/i.test(name) },
  { pattern: /\b(\d+)\s+fractional bits\b/gi, accepts: (name) => /frac|scale|shift|k$/i.test(name) },
];

export function parametersFromTask(task: string, parameters: ParameterSpec[]): StatedParameter[] {
  const stated = new Map<string, StatedParameter>();
  // Explicit assignments win: "n=8", "bits: 16".
  for (const p of parameters) {
    const explicit = new RegExp(`\\b${p.name}\\s*[=:]\\s*(\\d+)\\b`, 'i').exec(task);
    if (explicit) stated.set(p.name, { name: p.name, value: Number(explicit[1]), phrase: explicit[0] });
  }
  for (const rule of RULES) {
    for (const match of task.matchAll(rule.pattern)) {
      const target = parameters.find((p) => rule.accepts(p.name) && !stated.has(p.name));
      if (target) stated.set(target.name, { name: target.name, value: Number(match[1]), phrase: match[0] });
    }
  }
  return [...stated.values()].filter((s) => Number.isSafeInteger(s.value) && s.value > 0);
}
