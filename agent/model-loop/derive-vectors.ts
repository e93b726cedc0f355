import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import { deriveSketchCases, P, type DerivedCases } from '../../zksl/index.js';
import { accuracyVerdict, type AccuracyVerdict } from './float-accuracy.js';

export type DerivedVectors = { ok: true; vectors: TestVectors; warnings: string[]; accuracy?: AccuracyVerdict } | { ok: false; message: string };

/** Accept vectors derived for a model's sketch: its own samples, then the declared types' boundaries and more samples. */
export const ACCEPT_COUNT = 30;

/** Warning when the module exports no invalidInputs (in the sketch report and the next prompt). */
export const MISSING_INVALID_INPUTS =
  'warning: the module exports no invalidInputs(params): only inputs just outside the declared types are tested for refusal; export the inputs the circuit must refuse (out of range, violated preconditions)';

/**
 * Vectors for a model-written sketch from its own plain-TypeScript reference: accept cases on its
 * sampled inputs and on inputs at each declared type's bounds (≥ 30), forge cases that move
 * reference outputs several ways (the smallest forgery an under-constrained circuit lets through,
 * and the usual others), reject cases from `invalidInputs` and just outside each declared type.
 * The user's vectors come first and are always kept.
 */
export async function deriveVectors(source: string, options: { params?: Record<string, number>; user?: TestVectors; count?: number; seed?: number; task?: string }): Promise<DerivedVectors> {
  const derived = await deriveSketchCases(source, { params: options.params, count: options.count ?? ACCEPT_COUNT, seed: options.seed ?? 1 });
  if (!derived.ok) return { ok: false, message: `could not derive vectors from the reference: ${derived.failure.message}` };
  const warnings = derived.cases.notes?.includes('missing invalidInputs') ? [MISSING_INVALID_INPUTS] : [];
  const { float } = derived.cases;
  const accuracy = float ? accuracyVerdict(float, options.task, derived.cases.accept[float.case]?.inputs) : undefined;
  return { ok: true, vectors: vectorsFromCases(derived.cases, options.user), warnings, ...(accuracy ? { accuracy } : {}) };
}

/** How forge cases move an honest output: by one only (knowledge-base instances), or several ways. */
export type ForgeWays = 'by-one' | 'several';

/**
 * Accept cases as they are; forge cases from the first two with outputs moved (by one, or ±1, to
 * 0, to the field's maximum p − 1, and two outputs swapped); reject cases with holes filled from
 * the first accept case; the user's vectors first. Knowledge-base mode uses it too, for cases
 * computed by an entry's sketch.
 */
export function vectorsFromCases(cases: DerivedCases, user: TestVectors = { accept: [], reject: [], forge: [] }, ways: ForgeWays = 'several'): TestVectors {
  const accept = cases.accept.map((c) => ({ inputs: c.inputs, outputs: c.outputs }));
  const forge = accept.slice(0, 2).flatMap((c, i) => forgesOf(c.outputs, ways).map((f) => ({ name: `reference ${i} ${f.name}`, inputs: c.inputs, outputs: f.outputs, reason: f.reason })));
  const base = accept[0]?.inputs ?? {};
  const reject = cases.reject.map((r) => ({ inputs: fillHoles(r.inputs, base) as Record<string, unknown>, reason: r.reason }));
  return {
    accept: [...user.accept, ...accept],
    reject: [...user.reject, ...reject],
    forge: [...user.forge, ...forge],
  };
}

type Forge = { name: string; outputs: Record<string, unknown>; reason: string };

function forgesOf(outputs: Record<string, unknown>, ways: ForgeWays): Forge[] {
  const names = Object.keys(outputs);
  const moves: [string, (v: bigint) => bigint][] = ways === 'by-one' ? [['+ 1', (v) => v + 1n]] : [['+ 1', (v) => v + 1n], ['- 1', (v) => v - 1n], ['= 0', () => 0n], ['= p - 1', () => P - 1n]];
  const forges: Forge[] = [];
  const seen = new Set([JSON.stringify(normalised(outputs))]);
  const add = (forge: Forge) => {
    const key = JSON.stringify(normalised(forge.outputs));
    if (seen.has(key)) return;
    seen.add(key);
    forges.push(forge);
  };
  for (const name of names) {
    for (const [label, move] of moves) {
      add({ name: `${name} ${label}`, outputs: { ...outputs, [name]: moveFirst(outputs[name], move) }, reason: `${name} must equal the reference output` });
    }
  }
  if (ways === 'several') {
    const scalars = names.filter((n) => !Array.isArray(outputs[n]));
    if (scalars.length >= 2) {
      const [a, b] = scalars;
      add({ name: `${a} and ${b} swapped`, outputs: { ...outputs, [a]: outputs[b], [b]: outputs[a] }, reason: `${a} and ${b} must not be interchangeable` });
    }
    for (const name of names.filter((n) => Array.isArray(outputs[n]) && (outputs[n] as unknown[]).length >= 2)) {
      const [first, second, ...rest] = outputs[name] as unknown[];
      add({ name: `${name}[0] and ${name}[1] swapped`, outputs: { ...outputs, [name]: [second, first, ...rest] }, reason: `${name}'s elements must stay in place` });
    }
  }
  return forges;
}

/** The value with its first integer leaf moved. */
function moveFirst(value: unknown, move: (v: bigint) => bigint): unknown {
  if (Array.isArray(value)) return value.length ? [moveFirst(value[0], move), ...value.slice(1)] : value;
  if (typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value))) return move(BigInt(value)).toString();
  return value;
}

/** Integer leaves as canonical field elements, to compare forged outputs with honest ones. */
function normalised(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalised);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalised(v)]));
  if (typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value))) return ((BigInt(value) % P) + P) % P + '';
  return value;
}

/** A patch with null holes, filled from the base value of the same shape. */
export function fillHoles(patch: unknown, base: unknown): unknown {
  if (patch === null || patch === undefined) return base;
  if (Array.isArray(patch)) return patch.map((p, i) => fillHoles(p, (base as unknown[])?.[i]));
  if (typeof patch === 'object') {
    const filled: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) filled[key] = fillHoles(value, (base as Record<string, unknown>)?.[key]);
    return filled;
  }
  return patch;
}
