import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import { deriveSketchCases, type DerivedCases } from '../../zksl/index.js';

export type DerivedVectors = { ok: true; vectors: TestVectors } | { ok: false; message: string };

/**
 * Vectors for a model-written sketch from its own plain-TypeScript reference: accept cases on
 * sampled valid inputs, forge cases that move one reference output by one (the smallest forgery an
 * under-constrained circuit lets through), reject cases from `invalidInputs`. The user's vectors
 * come first and are always kept.
 */
export async function deriveVectors(source: string, options: { params?: Record<string, number>; user?: TestVectors; count?: number; seed?: number }): Promise<DerivedVectors> {
  const derived = await deriveSketchCases(source, { params: options.params, count: options.count ?? 6, seed: options.seed ?? 1 });
  if (!derived.ok) return { ok: false, message: `could not derive vectors from the reference: ${derived.failure.message}` };
  return { ok: true, vectors: vectorsFromCases(derived.cases, options.user) };
}

/**
 * Accept cases as they are, forge cases with one output moved by one, reject cases; the user's
 * vectors first. Knowledge-base mode uses it too, for cases computed by an entry's sketch.
 */
export function vectorsFromCases(cases: DerivedCases, user: TestVectors = { accept: [], reject: [], forge: [] }): TestVectors {
  const accept = cases.accept.map((c) => ({ inputs: c.inputs, outputs: c.outputs }));
  const forge = accept.slice(0, 2).flatMap((c, i) =>
    Object.keys(c.outputs).map((name) => ({
      name: `reference ${i} ${name} + 1`,
      inputs: c.inputs,
      outputs: { ...c.outputs, [name]: offByOne(c.outputs[name]) },
      reason: `${name} must equal the reference output`,
    })),
  );
  return {
    accept: [...user.accept, ...accept],
    reject: [...user.reject, ...cases.reject],
    forge: [...user.forge, ...forge],
  };
}

/** The value with its first integer leaf increased by one. */
function offByOne(value: unknown): unknown {
  if (Array.isArray(value)) return value.length ? [offByOne(value[0]), ...value.slice(1)] : value;
  if (typeof value === 'number' || typeof value === 'bigint' || (typeof value === 'string' && /^-?\d+$/.test(value))) return (BigInt(value) + 1n).toString();
  return value;
}
