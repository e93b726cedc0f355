import type { InputPrecondition } from './types.js';

/**
 * Stated preconditions ("assumptions") on a circuit's inputs, as a user writes them:
 * `zkcoder check --assume "x < 2^8" --assume "y != 0"`, an `assume` list in a vectors file, or the
 * agent's task spec. Each becomes an `InputPrecondition` the soundness analysis attacks: an
 * accepting witness whose inputs break one is a finding (`precondition-bypass`).
 *
 * Grammar (one assumption per string; spaces are free):
 *
 *   assumption := target op bound               x < 2^8    in[*] <= 255    y != 0    k >= 1
 *               | bound lo-op target hi-op bound   0 <= i < 16    48 <= date[*] <= 57
 *   target     := name index*                    an input, or elements of an array input
 *   index      := "[" (digits | "*" | name) "]"  [2] one element; [*] or [i] (any name) every element
 *   op         := "<" | "<=" | ">" | ">=" | "!="
 *   lo-op, hi-op := "<" | "<="
 *   bound      := integer ["±" integer]          255, 0xff, 2^8, 2**8, 2^8 - 1
 *
 * Values are field elements read as integers in [0, p): "−1" is p − 1, far above any small bound.
 * A bare input name on an array input bounds every element.
 */

export class AssumptionError extends Error {
  constructor(
    readonly assumption: string,
    problem: string,
  ) {
    super(`assumption "${assumption}": ${problem}`);
    this.name = 'AssumptionError';
  }
}

const NAME = '[A-Za-z_$][A-Za-z0-9_$]*';
const TARGET = new RegExp(`^(${NAME})((?:\\[\\s*(?:\\d+|\\*|${NAME})\\s*\\])*)$`);
const OPS = ['<=', '>=', '!=', '<', '>'] as const;
type Op = (typeof OPS)[number];

/** `2^8`, `2**8 - 1`, `255`, `0xff`, `-1` is refused (write `!= …` or a bound instead). */
export function parseBound(text: string, assumption: string): bigint {
  const match = /^(0x[0-9a-fA-F]+|\d+)(?:\s*(?:\^|\*\*)\s*(\d+))?(?:\s*([+-])\s*(0x[0-9a-fA-F]+|\d+))?$/.exec(text.trim());
  if (!match) throw new AssumptionError(assumption, `"${text.trim()}" is not a bound (write an integer, 2^k, or 2^k - 1)`);
  const [, base, exponent, sign, offset] = match;
  if (exponent !== undefined && Number(exponent) > 256) throw new AssumptionError(assumption, `exponent ${exponent} is above 256`);
  let value = exponent === undefined ? BigInt(base) : BigInt(base) ** BigInt(exponent);
  if (offset !== undefined) value = sign === '+' ? value + BigInt(offset) : value - BigInt(offset);
  if (value < 0n) throw new AssumptionError(assumption, `the bound "${text.trim()}" is negative`);
  return value;
}

function parseTarget(text: string, assumption: string): { input: string; path: (number | '*')[] } {
  const match = TARGET.exec(text.trim());
  if (!match) throw new AssumptionError(assumption, `"${text.trim()}" is not an input name (like x, in[2], in[*] or in[i])`);
  const path = [...match[2].matchAll(/\[\s*([^\]\s]+)\s*\]/g)].map(([, index]) => (/^\d+$/.test(index) ? Number(index) : ('*' as const)));
  return { input: match[1], path };
}

/** Split on the comparison operators, longest first, keeping them. */
function tokens(text: string): string[] {
  return text.split(/(<=|>=|!=|<|>|==|=)/).map((t) => t.trim()).filter((t) => t.length > 0);
}

export interface Assumption extends InputPrecondition {
  input: string;
  path: (number | '*')[];
  /** The text as written, for messages. */
  text: string;
}

export function parseAssumption(text: string): Assumption {
  const source = text.trim();
  if (!source) throw new AssumptionError(text, 'empty');
  const parts = tokens(source);
  const op = (i: number) => parts[i] as Op;
  if (parts.some((p) => p === '=' || p === '==')) throw new AssumptionError(source, 'equality is not a precondition to attack (use <, <=, >, >= or !=)');
  if (parts.length === 3 && OPS.includes(op(1))) {
    const { input, path } = parseTarget(parts[0], source);
    const bound = parseBound(parts[2], source);
    const base = { input, path, text: source };
    switch (op(1)) {
      case '<':
        if (bound === 0n) throw new AssumptionError(source, 'nothing is below 0');
        return { ...base, max: (bound - 1n).toString(), ...bitsOf(bound) };
      case '<=':
        return { ...base, max: bound.toString() };
      case '>':
        return { ...base, min: (bound + 1n).toString() };
      case '>=':
        return { ...base, min: bound.toString() };
      case '!=':
        return { ...base, notEqual: [bound.toString()] };
    }
  }
  if (parts.length === 5 && (op(1) === '<' || op(1) === '<=') && (op(3) === '<' || op(3) === '<=')) {
    const { input, path } = parseTarget(parts[2], source);
    const low = parseBound(parts[0], source);
    const high = parseBound(parts[4], source);
    const min = op(1) === '<' ? low + 1n : low;
    const max = op(3) === '<' ? high - 1n : high;
    if (max < min) throw new AssumptionError(source, 'the range is empty');
    return { input, path, text: source, min: min.toString(), max: max.toString() };
  }
  throw new AssumptionError(source, 'expected "x < 2^8", "x <= 255", "y != 0", "k >= 1" or "0 <= i < n" (a range)');
}

/** `x < 2^k` is also stated as `bits: k` (messages read "x < 2^8"). */
function bitsOf(bound: bigint): { bits?: number } {
  const bits = bound.toString(2).length - 1;
  return bound === 1n << BigInt(bits) && bits > 0 ? { bits } : {};
}

/**
 * Several assumptions into the analyser's `preconditions` record (keyed by the assumption's text,
 * so two bounds on one input both stand). Throws an `AssumptionError` naming the first bad one.
 */
export function parseAssumptions(texts: readonly string[]): Record<string, InputPrecondition> {
  const out: Record<string, InputPrecondition> = {};
  for (const text of texts) {
    const { text: key, ...precondition } = parseAssumption(text);
    out[key] = precondition;
  }
  return out;
}

/**
 * The inputs' elements an assumption bounds that break it: honest inputs (accept vectors) must not,
 * or the assumption contradicts the circuit's own tests. Returns `x[3] = 300` style labels.
 */
export function violatedBy(precondition: InputPrecondition, name: string, inputs: Record<string, unknown>, p: bigint): string[] {
  const input = precondition.input ?? name;
  const bad: string[] = [];
  const walk = (value: unknown, path: number[]) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, [...path, i]));
    if (!matchesPath(precondition.path, path)) return;
    const label = `${input}${path.map((i) => `[${i}]`).join('')}`;
    let v: bigint;
    try {
      v = (((BigInt(value as string | number | bigint) % p) + p) % p);
    } catch {
      return;
    }
    if (breaks(precondition, v)) bad.push(`${label} = ${v}`);
  };
  if (input in inputs) walk(inputs[input], []);
  return bad;
}

/** Does an element at `path` (indices below the input) fall under the assumption's `path`? */
export function matchesPath(pattern: (number | '*')[] | undefined, path: (string | number)[]): boolean {
  if (!pattern || pattern.length === 0) return true;
  return pattern.every((index, i) => index === '*' || index === path[i]);
}

/** Whether a field element (read as an integer in [0, p)) breaks the precondition. */
export function breaks(precondition: InputPrecondition, value: bigint): boolean {
  const max = precondition.bits !== undefined ? (1n << BigInt(precondition.bits)) - 1n : precondition.max !== undefined ? BigInt(precondition.max) : undefined;
  const min = precondition.min !== undefined ? BigInt(precondition.min) : undefined;
  const excluded = (precondition.notEqual ?? []).map((x) => BigInt(x));
  return (max !== undefined && value > max) || (min !== undefined && value < min) || excluded.includes(value);
}
