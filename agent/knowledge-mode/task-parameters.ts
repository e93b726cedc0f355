import { readQuantities, statedSignedness, type Quantity, type QuantityKind } from './task-quantities.js';

/**
 * The task's quantities (task-quantities.ts) given to the parameters an entry declares, by
 * what each parameter is (its name and description: a width, a count, a depth, a window, fractional
 * bits, a shift amount, an exponent). Every quantity ends up in one of two lists: `stated` (a
 * parameter takes it) or `unmatched` (none does, two could and the words do not say which, or it
 * contradicts another stated value). Knowledge-base mode refuses a task with anything unmatched:
 * a circuit at other parameters than the task states is a wrong answer, not a near one.
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
  /** The parameter it contradicts, when another phrase set it to another value. */
  conflicts?: string;
}

export interface TaskParameters {
  stated: StatedParameter[];
  unmatched: UnmatchedQuantity[];
}

export interface ParameterReadOptions {
  /** Phrases that name the entry and are not quantities of the task (conv1d, int8, 4-to-1). */
  masked?: string[];
  /** Widths the entry is fixed at (the 32 of rotate-left-32): stating them asks for nothing. */
  fixedWidths?: number[];
  /** How many operands the entry takes and its fixed array lengths: "two numbers" for a comparison. */
  operands?: number[];
}

const KIND_WORDS: Record<QuantityKind, string> = {
  explicit: 'a named parameter',
  width: 'a width in bits',
  count: 'a number of elements',
  operands: 'a number of operands',
  shape: 'a matrix shape',
  mapping: 'inputs and outputs',
  qformat: 'a fixed-point format',
  depth: 'a depth',
  leaves: 'a depth',
  window: 'a window or kernel size',
  stride: 'a stride',
  fraction: 'a number of fractional bits',
  amount: 'a shift or rotation amount',
  scale: 'a power-of-two scale',
  power: 'a power of two',
  limit: 'an upper bound on the values',
  nonnegative: 'non-negative values',
  exponent: 'an exponent',
  degree: 'a polynomial degree',
  bound: 'a bound that is not a power of two',
  number: 'a number no parameter takes',
};

const COUNT_NAMES = /^(n|m|size|len|length|count|rows|cols|dim)$/i;
const text = (p: ParameterSpec) => `${p.name} ${p.description ?? ''}`;
const isWidth = (p: ParameterSpec) => /^(bits?|width)$/i.test(p.name) || /\bwidth\b|number of bits/i.test(p.description ?? '');
const isDepth = (p: ParameterSpec) => /depth|levels/i.test(p.name);
const isSigned = (p: ParameterSpec) => /\bsigned\b/i.test(p.description ?? '') && !/\bunsigned\b/i.test(p.description ?? '');

/** Which declared parameters can take a quantity of each kind. */
const ACCEPTS: Partial<Record<QuantityKind, (p: ParameterSpec) => boolean>> = {
  width: isWidth,
  count: (p) => COUNT_NAMES.test(p.name) && !isWidth(p) && !/\b(rows|columns)\b/i.test(p.description ?? ''),
  depth: isDepth,
  window: (p) => /window|kernel/i.test(text(p)),
  stride: (p) => /\bstride\b/i.test(p.description ?? ''),
  // Not the fractional bits of leaky-relu's slope: "values with 8 fractional bits" is about x.
  fraction: (p) => (/^frac/i.test(p.name) || /fractional bits/i.test(p.description ?? '')) && !/slope/i.test(p.description ?? ''),
  amount: (p) => /\bamount\b|divide by 2\^/i.test(p.description ?? ''),
  scale: (p) => (p.description ?? '').includes(`2^${p.name}`) && !isWidth(p) && !isDepth(p),
  power: (p) => (p.description ?? '').includes(`2^${p.name}`),
  limit: (p) => new RegExp(`(?:below|under|less than|<)\\s*2\\^${p.name}\\b`, 'i').test(p.description ?? ''),
  exponent: (p) => /\bexponent\b/i.test(text(p)),
  degree: (p) => /\bdegree\b/i.test(p.description ?? ''),
};

export function readTaskParameters(task: string, parameters: ParameterSpec[], options: ParameterReadOptions = {}): TaskParameters {
  const stated = new Map<string, StatedParameter>();
  const unmatched: UnmatchedQuantity[] = [];
  const miss = (q: Quantity, ambiguous: string[] = [], conflicts?: string) =>
    unmatched.push({ value: q.value, phrase: q.phrase, wanted: KIND_WORDS[q.kind], ambiguous, ...(conflicts ? { conflicts } : {}) });
  const set = (q: Quantity, p: ParameterSpec, value: number) => {
    const earlier = stated.get(p.name);
    if (earlier && earlier.value !== value) return miss(q, [], `${p.name}=${earlier.value} ("${earlier.phrase}")`);
    if (!earlier) stated.set(p.name, { name: p.name, value, phrase: q.phrase });
  };
  const quantities = readQuantities(task, { masked: options.masked, names: parameters.map((p) => p.name) });
  const shapes = quantities.filter((q) => q.kind === 'shape');
  if (shapes.length && !setMatrixShapes(shapes, parameters, quantities, set)) for (const q of shapes) miss(q);

  for (const q of quantities) {
    const positive = q.kind === 'nonnegative' || (q.value > 0 && (q.second === undefined || q.second > 0));
    if (!Number.isSafeInteger(q.value) || !positive) {
      if (q.kind !== 'shape') miss(q);
      continue;
    }
    switch (q.kind) {
      case 'shape':
        break;
      case 'explicit': {
        const p = parameters.find((x) => x.name.toLowerCase() === q.noun);
        if (p) set(q, p, q.value);
        else miss(q);
        break;
      }
      case 'qformat': {
        // Q8.8: 8 integer and 8 fractional bits, 16 in all (the convention fixed-point-multiply's tag uses).
        const width = parameters.find(isWidth);
        const fraction = parameters.find(ACCEPTS.fraction!);
        if (!width || !fraction) miss(q);
        else {
          set(q, width, q.value + q.second!);
          set(q, fraction, q.second!);
        }
        break;
      }
      case 'mapping': {
        const inputs = parameters.find((p) => /^inputs?$/i.test(p.description ?? ''));
        const outputs = parameters.find((p) => /^outputs?$/i.test(p.description ?? ''));
        if (!inputs || !outputs) miss(q);
        else {
          set(q, inputs, q.value);
          set(q, outputs, q.second!);
        }
        break;
      }
      case 'width': {
        if (options.fixedWidths?.includes(q.value)) break;
        // "of 8 bits" with no width to set may be eight booleans.
        if (q.noun === 'bits' && !parameters.some(isWidth)) count(q);
        else assign(q, 'width');
        break;
      }
      case 'count':
        count(q);
        break;
      case 'operands':
        if (!options.operands?.includes(q.value)) miss(q);
        break;
      case 'degree': {
        const p = parameters.find(ACCEPTS.degree!);
        if (p) set(q, p, /degree \+ 1/i.test(p.description ?? '') ? q.value + 1 : q.value);
        else miss(q);
        break;
      }
      case 'nonnegative':
        if (!parameters.some((p) => isWidth(p) && !isSigned(p))) miss(q);
        break;
      case 'leaves':
      case 'bound':
      case 'number':
        miss(q);
        break;
      default:
        assign(q, q.kind);
    }
  }

  function count(q: Quantity) {
    if (!parameters.some(ACCEPTS.count!) && options.operands?.includes(q.value)) return;
    assign(q, 'count');
  }

  function assign(q: Quantity, kind: QuantityKind) {
    const candidates = parameters.filter(ACCEPTS[kind] ?? (() => false));
    if (candidates.length === 1) return set(q, candidates[0], q.value);
    if (candidates.length === 0) return miss(q);
    // Two count parameters (a dense layer's inputs and outputs) are told apart by the noun; with no
    // noun to go by the choice would be a guess, so there is none.
    const noun = q.noun?.toLowerCase().replace(/s$/, '');
    const described = noun ? candidates.filter((p) => new RegExp(`\\b${noun}s?\\b`, 'i').test(p.description ?? '')) : [];
    if (described.length === 1) set(q, described[0], q.value);
    else miss(q, candidates.map((p) => p.name));
  }

  const mismatch = signednessMismatch(task, parameters, quantities, options.masked ?? []);
  if (mismatch) unmatched.push(mismatch);
  return { stated: [...stated.values()], unmatched };
}

/** The parameters the task states, without what it states that the entry has no parameter for. */
export function parametersFromTask(task: string, parameters: ParameterSpec[]): StatedParameter[] {
  return readTaskParameters(task, parameters).stated;
}

/**
 * A matrix product's m, k, n from "2x3 by 3x4" (inner sizes must agree) or "two 4x4 matrices"
 * (square). Anything else, a dense layer's "4x3" included, says no more than two numbers whose
 * order is a convention, so it is left unmatched.
 */
function setMatrixShapes(shapes: Quantity[], parameters: ParameterSpec[], all: Quantity[], set: (q: Quantity, p: ParameterSpec, value: number) => void): boolean {
  const rowsOfA = parameters.find((p) => /^rows of a\b/i.test(p.description ?? ''));
  const inner = parameters.find((p) => /^columns of a\b/i.test(p.description ?? ''));
  const colsOfB = parameters.find((p) => /^columns of b\b/i.test(p.description ?? ''));
  if (!rowsOfA || !inner || !colsOfB) return false;
  const [a, b] = shapes;
  if (shapes.length === 2 && a.second === b.value) {
    set(a, rowsOfA, a.value);
    set(a, inner, a.second!);
    set(b, colsOfB, b.second!);
    return true;
  }
  const pair = all.some((q) => q.kind === 'operands' && q.value === 2);
  if (shapes.length === 1 && pair && a.value === a.second) {
    for (const p of [rowsOfA, inner, colsOfB]) set(a, p, a.value);
    return true;
  }
  return false;
}

/** "signed 16-bit values" for an unsigned width (less-than), or uint8 for a signed one (relu). */
function signednessMismatch(task: string, parameters: ParameterSpec[], quantities: Quantity[], masked: string[]): UnmatchedQuantity | undefined {
  const asked = quantities.find((q) => q.signedness)?.signedness ?? statedSignedness(task, masked);
  const width = parameters.find(isWidth);
  if (!asked || !width) return undefined;
  const signed = isSigned(width);
  if (signed === (asked === 'signed')) return undefined;
  return { value: 0, phrase: asked, wanted: `${asked} values`, ambiguous: [], conflicts: `${width.name} (${width.description ?? 'a width'}) is ${signed ? 'signed' : 'unsigned'}` };
}
