/**
 * What the Circom and Noir lowerings share: the result shape (the harness's TargetCircuit plus
 * names and counts), signal naming after sketch variables, and printing of linear combinations and
 * hint expressions.
 */
import type { ConstraintCounts } from '../core/analysis.js';
import { P } from '../core/field.js';
import type { HintExpr } from '../core/hint.js';
import type { Signal } from '../core/signal.js';
import { runConstraints } from '../core/run.js';
import { InputError, type Built, type Params, type Sketch } from '../core/sketch.js';

export interface LoweredCircuit {
  lang: 'circom' | 'noir';
  name: string;
  /** Relative path → source text. */
  files: Record<string, string>;
  entry: string;
  publicInputs: string[];
  inputNames: string[];
  /** Circom output signals; for Noir the names of the returned values, in return order. */
  outputNames: string[];
  /** The sketch's own constraint counts (the target's counts come from its compiler). */
  counts: ConstraintCounts;
  /**
   * Source map: for each lowered file, the sketch line each of its lines came from (index 0 is
   * line 1; 0 = generated scaffolding such as declarations, type checks of inputs, helpers), so a
   * failure in lowered code is reported at the sketch line the model wrote.
   */
  sourceLines?: Record<string, number[]>;
}

export interface LowerOptions {
  params?: Params;
  /** Sketch source (or a way to read it by file name), so signals can be named after its variables. */
  source?: SketchSource | SourceLookup;
  /**
   * Emit a checker instead: the outputs become inputs that are checked rather than computed, so
   * running it on honest inputs with forged outputs tests soundness the way the interpreter does.
   */
  checkOutputs?: boolean;
}

/** Run the body in constraint mode for lowering; an unknown parameter stays an input error (the caller's mistake). */
export function buildForLowering(sketch: Sketch, params: Params | undefined): { built: Built; counts: ConstraintCounts } {
  const structure = runConstraints(sketch, { params });
  if (structure.built) return { built: structure.built, counts: structure.counts };
  const message = `cannot lower ${sketch.name}: ${structure.failure?.message}`;
  throw structure.failure?.kind === 'input' ? new InputError(message) : new Error(message);
}

/** Source text by file name (as locations carry it), or undefined when unknown. */
export type SourceLookup = (file: string) => string | undefined;

export interface SketchSource {
  text: string;
  /** The file name locations carry for this source ('sketch.ts' in the sandbox, a path otherwise). */
  file: string;
}

export type NameStyle = 'circom' | 'noir';

const RESERVED = new Set(
  [
    // Circom
    'signal input output component template function var include pragma public custom bus parallel log do',
    // Noir
    'fn let mut main pub unsafe unconstrained global use mod struct impl trait type as in where self Self crate dep contract comptime quote enum loop break continue str Field bool u1 u8 u16 u32 u64 u128 i8 i16 i32 i64',
    // both
    'assert for while if else return true false',
  ]
    .join(' ')
    .split(' '),
);
/** Names the lowerings use for their own helpers (loop index, range/lookup helpers, tables, hints). */
const HELPER = /^(i|(rc|lk)\d+(_\w+)?|T_\w*|hint_\w*)$/;

export function sanitize(name: string): string {
  let clean = name.replace(/\[(\d+)\]/g, '_$1').replace(/[^A-Za-z0-9_]/g, '_').replace(/_+/g, '_').replace(/^_|_$/g, '');
  if (!clean || /^\d/.test(clean)) clean = `s_${clean}`;
  return RESERVED.has(clean) || HELPER.test(clean) ? `${clean}_` : clean;
}

/** `x[i][j]` for a flat row-major index into `shape`. */
export function indexed(name: string, flat: number, shape: number[]): string {
  if (shape.length === 0) return name;
  const parts: number[] = [];
  let rest = flat;
  for (let d = shape.length - 1; d >= 0; d--) {
    parts.unshift(rest % shape[d]);
    rest = Math.floor(rest / shape[d]);
  }
  return name + parts.map((p) => `[${p}]`).join('');
}

function sketchVariable(source: SketchSource | SourceLookup | undefined, file: string | undefined, line: number | undefined): string | undefined {
  if (!source || !line || !file) return undefined;
  const whole = typeof source === 'function' ? source(file) : file === source.file || file.endsWith(source.file) ? source.text : undefined;
  const text = whole?.split('\n')[line - 1] ?? '';
  return /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=]+)?=/.exec(text)?.[1];
}

/**
 * Names for every variable. `elementNames` controls output array elements: Circom (and Noir when
 * outputs are parameters) index them `y[0]`, Noir `let` bindings need `y_0`.
 */
export function variableNames(built: Built, options: { source?: SketchSource | SourceLookup; elementNames: 'indexed' | 'flat' }): string[] {
  const names: string[] = new Array(built.circuit.vars.length);
  const taken = new Set<string>();
  // declared names appear verbatim in main's signature, so they must be usable in both languages
  for (const { name } of [...built.inputs, ...built.outputs]) {
    if (sanitize(name) !== name || name === 'return') {
      throw new Error(`input/output name '${name}' cannot be used in Circom or Noir (a keyword or not an identifier); rename it`);
    }
  }
  for (const input of built.inputs) {
    taken.add(input.name);
    input.vars.forEach((v, i) => (names[v] = indexed(input.name, i, input.shape)));
  }
  for (const output of built.outputs) {
    taken.add(output.name);
    output.vars.forEach((v, i) => {
      names[v] = options.elementNames === 'indexed' ? indexed(output.name, i, output.shape) : output.shape.length ? `${output.name}_${i}` : output.name;
      taken.add(names[v]);
    });
  }
  for (const info of built.circuit.vars) {
    if (names[info.index] !== undefined) continue;
    const fromSource = sketchVariable(options.source, info.location?.file, info.location?.line);
    const label = info.label ? sanitize(info.label) : info.origin === 'product' && fromSource ? 'prod' : undefined;
    const base = fromSource && label && label !== fromSource ? `${fromSource}_${label}` : fromSource ?? label ?? (info.origin === 'product' ? 't' : 'h');
    let name = sanitize(base);
    for (let k = 1; taken.has(name); k++) name = sanitize(`${base}_${k}`);
    taken.add(name);
    names[info.index] = name;
  }
  return names;
}

/** How a variable is written in the target (`a`, `x[2]`, `(a as Field)`). */
export type Reference = (variable: number) => string;

/** `3 * x - y + 7`; coefficients above p/2 are written as subtractions. */
export function linear(signal: Signal, reference: Reference): string {
  const parts: string[] = [];
  const push = (magnitude: bigint, negative: boolean, body: string | undefined): void => {
    const text = body === undefined ? String(magnitude) : magnitude === 1n ? body : `${magnitude} * ${body}`;
    if (parts.length === 0) parts.push(negative ? `-${text}` : text);
    else parts.push(negative ? `- ${text}` : `+ ${text}`);
  };
  const terms = [...signal.terms].sort(([a], [b]) => a - b);
  for (const [variable, coefficient] of terms) {
    const negative = coefficient > P / 2n;
    push(negative ? P - coefficient : coefficient, negative, reference(variable));
  }
  if (signal.constant !== 0n || parts.length === 0) {
    const negative = signal.constant > P / 2n;
    push(negative ? P - signal.constant : signal.constant, negative, undefined);
  }
  return parts.join(' ');
}

/** Parenthesise unless the text is a single name, literal or indexed name. */
export function atom(text: string): string {
  if (/^-?[\w.]+(\[\d+\])*$/.test(text)) return text;
  return wrapped(text) ? text : `(${text})`;
}

/** True when the text is one parenthesised group, e.g. `(a as Field)` but not `(a) * (b)`. */
function wrapped(text: string): boolean {
  if (!text.startsWith('(') || !text.endsWith(')')) return false;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    if (depth === 0 && i < text.length - 1) return false;
  }
  return true;
}

export interface HintPrinter {
  leaf(signal: Signal): string;
  node(expr: Exclude<HintExpr, { op: 'leaf' }>, args: string[]): string;
}

/** Print a hint tree bottom-up; each node's args are already atoms. */
export function printHint(expr: HintExpr, printer: HintPrinter): string {
  if (expr.op === 'leaf') return atom(printer.leaf(expr.signal));
  return printer.node(expr, expr.args.map((a) => atom(printHint(a, printer))));
}

/** Tables used by a circuit, by name, in first-use order. */
export function collectTables(expressions: HintExpr[], into = new Map<string, readonly bigint[]>()): Map<string, readonly bigint[]> {
  for (const expr of expressions) {
    if (expr.op === 'leaf') continue;
    if (expr.op === 'table') into.set(expr.table.name, expr.table.values);
    collectTables(expr.args, into);
  }
  return into;
}

/**
 * Text from the sketch (its name, constraint labels, locations) made safe for a `//` comment or a
 * string literal: a newline or other control character in it would end the comment and let the
 * sketch inject lines of Circom or Noir; quotes and backslashes would end a string.
 */
export function commentText(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, ' ');
}

/** The sketch line of a step's location, or 0 (input type checks and other generated code). */
export function sketchLine(location: { line: number } | undefined): number {
  return location?.line ?? 0;
}

/** The `// file:line` comment that heads each group of lowered statements from one sketch line. */
export function locationComment(location: string): string {
  return `// ${location === '<unknown location>' ? 'input type checks' : commentText(location.replace(/^.*[\\/]/, ''))}`;
}
