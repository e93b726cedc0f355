import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { checkSketchVectors, deriveSketchCases, P, type DerivedCases } from '../zksl/index.js';
import { vectorsFromCases } from './model-loop/derive-vectors.js';

/**
 * Test vectors for a knowledge-base entry at parameters other than its defaults, where its own
 * vectors no longer fit. The entry's ZKSL sketch is the reference: valid inputs are sampled from its
 * declared input types (with zksl's seeded sampler), the sketch computes their outputs in witness
 * mode (accept), those outputs moved by one must be refused (forge, as the model loop does), and
 * inputs outside the declared types are refused (reject) — for the inputs whose range the entry's
 * verified reject vectors show its circuits enforce, so no reject vector is asked of a circuit that
 * documents the range as a precondition instead.
 */
export type EntryVectors = { ok: true; vectors: TestVectors; counts: { accept: number; forge: number; reject: number } } | { ok: false; message: string };

export interface EntryVectorOptions {
  /** The entry's sketch source (trusted, but run in the sandbox like any sketch). */
  source: string;
  params: Record<string, number>;
  defaults: Record<string, number>;
  /** The entry's own reject vectors, at its defaults. */
  entryRejects: TestVectors['reject'];
  user?: TestVectors;
  /** Valid inputs to sample (edges first, then small and random values). */
  count?: number;
  timeoutMs?: number;
}

export async function deriveEntryVectors(options: EntryVectorOptions): Promise<EntryVectors> {
  const sandbox = { timeoutMs: options.timeoutMs ?? 60_000 };
  const enforced = await enforcedInputs(options, sandbox);
  const sampler = withSampler(options.source, enforced);
  if (!sampler) return { ok: false, message: 'the sketch has no `export default` sketch to sample inputs for' };
  const sampled = await deriveSketchCases(sampler, { ...sandbox, params: options.params, count: options.count ?? 10, seed: 1 });
  if (!sampled.ok) return { ok: false, message: `sampling inputs failed: ${sampled.failure.message}` };
  // The sketch computes the outputs; a sample it refuses breaks a precondition beyond the input types.
  const unique = [...new Map(sampled.cases.accept.map((c) => [JSON.stringify(c.inputs), c.inputs])).values()];
  const run = await checkSketchVectors(options.source, { accept: unique.map((inputs) => ({ inputs })) }, { ...sandbox, params: options.params });
  if (run.failure) return { ok: false, message: `the sketch failed: ${run.failure.message}` };
  const accept = run.verdicts
    .filter((v) => v.kind === 'accept' && v.ok && v.outputs)
    .map((v) => ({ inputs: unique[v.index], outputs: signedValues(v.outputs) as Record<string, unknown> }));
  if (accept.length === 0) {
    const why = run.verdicts[0]?.detail ?? run.summary;
    return { ok: false, message: `the sketch refuses every sampled input (${why})` };
  }
  const reject = await typeRejects({ patches: sampled.cases.reject, base: accept[0].inputs, options, sandbox });
  const vectors = vectorsFromCases({ accept, reject } as DerivedCases, options.user);
  return { ok: true, vectors, counts: { accept: accept.length, forge: vectors.forge.length - (options.user?.forge.length ?? 0), reject: reject.length } };
}

/** Inputs whose declared type the entry's own reject vectors show is enforced (the sketch refuses them by that type check). */
async function enforcedInputs(options: EntryVectorOptions, sandbox: { timeoutMs: number }): Promise<string[]> {
  if (options.entryRejects.length === 0) return [];
  const run = await checkSketchVectors(options.source, { reject: options.entryRejects }, { ...sandbox, params: options.defaults });
  const names = run.verdicts.map((v) => /'input (\w+): (?:Bool|UInt|SInt|Fixed)\b/.exec(v.detail)?.[1]).filter((n): n is string => !!n);
  return [...new Set(names)];
}

/**
 * Out-of-type values put into a valid input (the first accepted one), kept only when the sketch
 * refuses them by that input's type check: then the reject vector tests the range check and not
 * some other precondition the base happens to break.
 */
async function typeRejects(o: { patches: DerivedCases['reject']; base: Record<string, unknown>; options: EntryVectorOptions; sandbox: { timeoutMs: number } }): Promise<TestVectors['reject']> {
  if (o.patches.length === 0) return [];
  const candidates = o.patches.map((p) => ({ inputs: fillHoles(p.inputs, o.base) as Record<string, unknown>, reason: p.reason }));
  const run = await checkSketchVectors(o.options.source, { reject: candidates }, { ...o.sandbox, params: o.options.params });
  return run.verdicts
    .filter((v) => v.kind === 'reject' && v.ok && Object.keys(o.patches[v.index].inputs).some((name) => v.detail.includes(`'input ${name}:`)))
    .map((v) => candidates[v.index]);
}

/** A patch with null holes, filled from the base value of the same shape. */
function fillHoles(patch: unknown, base: unknown): unknown {
  if (patch === null || patch === undefined) return base;
  if (Array.isArray(patch)) return patch.map((p, i) => fillHoles(p, (base as unknown[])?.[i]));
  if (typeof patch === 'object') {
    const filled: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) filled[key] = fillHoles(value, (base as Record<string, unknown>)?.[key]);
    return filled;
  }
  return patch;
}

/** Canonical field elements above p/2 as negative numbers (the vector format's p − |x|), so "moved by one" stays in the field. */
function signedValues(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(signedValues);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, signedValues(v)]));
  if (typeof value === 'string' && /^\d+$/.test(value)) {
    const n = BigInt(value);
    return (n > P / 2n ? n - P : n).toString();
  }
  return value;
}

/**
 * The entry's sketch plus `sampleInputs` (valid values of each declared input type: the type's
 * lowest, highest, then small and random values), a `reference` left to the sketch itself (the
 * outputs come from witness mode), and `invalidInputs`: for each enforced input, its first element
 * just outside the type, the rest left as holes (null) to fill from a valid input.
 */
function withSampler(source: string, enforced: string[]): string | undefined {
  const renamed = source.replace(/\bexport\s+default\s+/, 'const __entrySketch = ');
  if (renamed === source) return undefined;
  return `${renamed}
export default __entrySketch;
import { P as __P } from 'zksl';
const __enforced: string[] = ${JSON.stringify(enforced)};
let __draw = 0;
const __declared = (params: any): [string, any][] =>
  Object.entries(__entrySketch.inputs({ ...__entrySketch.params, ...params }) as Record<string, any>).map(([name, t]) => [name, 'public' in t && 'type' in t ? t.type : t]);
function __uniform(random: () => number, size: bigint): bigint {
  let v = 0n;
  for (let bits = 0; bits < size.toString(2).length + 16; bits += 16) v = (v << 16n) | BigInt(Math.floor(random() * 65536));
  return v % size;
}
function __bounds(t: any): [bigint, bigint] {
  if (t.kind === 'bool') return [0n, 1n];
  if (t.kind === 'uint') return [0n, (1n << BigInt(t.bits)) - 1n];
  if (t.kind === 'sint' || t.kind === 'fixed') return [-(1n << BigInt(t.bits - 1)), (1n << BigInt(t.bits - 1)) - 1n];
  return [0n, __P - 1n];
}
function __value(t: any, random: () => number, mode: string): unknown {
  if (t.kind === 'array') return Array.from({ length: t.length }, () => __value(t.of, random, mode));
  // A Field input is often range-checked in the body to some width: draw widths as well as values.
  if (t.kind === 'field' && mode === 'small') return BigInt(Math.floor(random() * 17));
  if (t.kind === 'field' && mode === 'random') return __uniform(random, 1n << BigInt(1 + Math.floor(random() * 64)));
  const [lo, hi] = __bounds(t);
  if (mode === 'low') return lo;
  if (mode === 'high') return hi;
  if (mode === 'small') {
    const v = BigInt(Math.floor(random() * 17) - 8);
    return v < lo ? lo : v > hi ? hi : v;
  }
  return lo + __uniform(random, hi - lo + 1n);
}
export function sampleInputs(random: () => number, params: any): Record<string, unknown> {
  const mode = ['low', 'high'][__draw] ?? (__draw % 2 ? 'small' : 'random');
  __draw++;
  return Object.fromEntries(__declared(params).map(([name, t]) => [name, __value(t, random, mode)]));
}
export function reference(): Record<string, unknown> {
  return {};
}
function __outside(t: any): { value: unknown; text: string }[] {
  if (t.kind === 'array') return __outside(t.of).map((o) => ({ value: [o.value, ...Array.from({ length: t.length - 1 }, () => null)], text: '[0]' + o.text }));
  if (t.kind === 'field') return [];
  const [lo, hi] = __bounds(t);
  const type = t.kind === 'bool' ? 'Bool' : t.kind === 'uint' ? 'UInt(' + t.bits + ')' : (t.kind === 'sint' ? 'SInt(' : 'Fixed(') + t.bits + (t.kind === 'fixed' ? ', ' + t.scale : '') + ')';
  const values = lo < 0n ? [hi + 1n, lo - 1n] : [hi + 1n];
  return values.map((v) => ({ value: v, text: ' = ' + v + ' is outside ' + type }));
}
export function invalidInputs(params: any): { inputs: Record<string, unknown>; reason: string }[] {
  return __declared(params)
    .filter(([name]) => __enforced.includes(name))
    .flatMap(([name, t]) => __outside(t).map((o) => ({ inputs: { [name]: o.value }, reason: name + o.text })));
}
`;
}
