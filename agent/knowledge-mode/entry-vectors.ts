import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import { checkSketchVectors, deriveSketchCases, P, type DerivedCases } from '../../zksl/index.js';
import { fillHoles, vectorsFromCases } from '../model-loop/derive-vectors.js';

/**
 * Test vectors for a knowledge-base entry at parameters other than its defaults, where its own
 * vectors no longer fit. The entry's ZKSL sketch is the reference: valid inputs are sampled from its
 * declared input types (zksl's seeded type sampler: each type's lowest, highest, then small and
 * random values), the sketch computes their outputs in witness
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
  const sampled = await deriveSketchCases(options.source, { ...sandbox, params: options.params, count: options.count ?? 10, seed: 1, fromTypes: { enforced } });
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
  const vectors = vectorsFromCases({ accept, reject } as DerivedCases, options.user, 'by-one');
  return { ok: true, vectors, counts: { accept: accept.length, forge: vectors.forge.length - (options.user?.forge.length ?? 0), reject: reject.length } };
}

/** Inputs whose declared type the entry's own reject vectors show is enforced (the sketch refuses them by that type check). */
async function enforcedInputs(options: EntryVectorOptions, sandbox: { timeoutMs: number }): Promise<string[]> {
  if (options.entryRejects.length === 0) return [];
  const run = await checkSketchVectors(options.source, { reject: options.entryRejects }, { ...sandbox, params: options.defaults });
  const names = run.verdicts.flatMap((v) => (v.kind === 'reject' && v.refusedInput !== undefined ? [v.refusedInput] : []));
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
    .filter((v) => v.kind === 'reject' && v.ok && v.refusedInput !== undefined && Object.hasOwn(o.patches[v.index].inputs, v.refusedInput))
    .map((v) => candidates[v.index]);
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
