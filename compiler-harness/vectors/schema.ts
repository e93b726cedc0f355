import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { BN254_PRIME } from '../field.js';
import { asData, JsonDataError, parseJsonData } from '../json-data.js';
import { AssumptionError, parseAssumption } from '../soundness/assumptions.js';

/** Vectors nest a few levels (case, inputs, arrays, structs); anything near this is a mistake or an attack. */
const MAX_VECTORS_DEPTH = 64;

/**
 * Test vectors, shared by knowledge-base entries, eval tasks and `zkcoder check`:
 * - accept: the circuit must run on `inputs` (and produce `outputs`, when given);
 * - reject: the circuit must refuse `inputs` (execution fails);
 * - forge: honest `inputs` with wrong `outputs`; no satisfying witness may carry them.
 *
 * A value is an integer (a JSON number that is a safe integer, or a decimal or 0x-hex string;
 * a negative value means p − |x|), an array of values, or an object of values (a Noir struct).
 */
/**
 * Named values (inputs or outputs). Checked with a refinement and passed through as they are, not
 * rebuilt: zod's record drops a `__proto__` key, and a dropped expectation is one that passes.
 */
const values = z
  .custom<Record<string, unknown>>((value) => value !== null && typeof value === 'object' && !Array.isArray(value), { message: 'expected an object of named values' })
  .superRefine((named, context) => {
    for (const [name, value] of Object.entries(named)) {
      const problem = valueProblem(value, [name]);
      if (problem) context.addIssue({ code: 'custom', message: problem.message, path: problem.path });
    }
  });
const AcceptCase = z.strictObject({ name: z.string().optional(), inputs: values, outputs: values.optional() });
const RejectCase = z.strictObject({ name: z.string().optional(), inputs: values, reason: z.string().min(1) });
const ForgeCase = z.strictObject({ name: z.string().optional(), inputs: values, outputs: values, reason: z.string().min(1) });

export const TestVectorsSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  accept: z.array(AcceptCase).default([]),
  reject: z.array(RejectCase).default([]),
  forge: z.array(ForgeCase).default([]),
  /** Stated preconditions on the inputs (`"x < 2^8"`, `"y != 0"`; grammar in soundness/assumptions.ts). */
  assume: z
    .array(
      z.string().superRefine((text, context) => {
        try {
          parseAssumption(text);
        } catch (error) {
          if (!(error instanceof AssumptionError)) throw error;
          context.addIssue({ code: 'custom', message: error.message });
        }
      }),
    )
    .optional(),
});

export type TestVectors = z.infer<typeof TestVectorsSchema>;
export type AcceptCase = z.infer<typeof AcceptCase>;
export type RejectCase = z.infer<typeof RejectCase>;
export type ForgeCase = z.infer<typeof ForgeCase>;
export type VectorKind = 'accept' | 'reject' | 'forge';

/** A problem in a vectors file, naming the file and the JSON path. */
export class VectorsError extends Error {
  override name = 'VectorsError';
}

const INTEGER_TEXT = /^-?(0x[0-9a-fA-F]+|\d+)$/;

/**
 * Why a vector value is not an integer (or an array / struct of integers), with the path inside
 * the value to the first offending leaf; undefined when it is fine. Bigints are accepted for
 * vectors built in memory. Integers must lie in (−p, p) of BN254, the field of both languages: a
 * larger one would silently wrap around, which is almost always a mistake in the vectors.
 */
export function valueProblem(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; message: string } | undefined {
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const problem = valueProblem(item, [...path, index]);
      if (problem) return problem;
    }
    return undefined;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const problem = valueProblem(item, [...path, key]);
      if (problem) return problem;
    }
    return undefined;
  }
  const shown = show(value);
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { path, message: `${shown} is not an integer` };
    if (!Number.isSafeInteger(value)) return { path, message: `${shown} is not a safe integer: write it as a decimal string` };
    n = BigInt(value);
  } else if (typeof value === 'string' && INTEGER_TEXT.test(value)) {
    n = value.startsWith('-') ? -BigInt(value.slice(1)) : BigInt(value);
  } else {
    const hint = typeof value === 'boolean' ? ' (write 1 or 0)' : ' (write a number or a decimal string)';
    return { path, message: `${shown} is not an integer${hint}` };
  }
  if (n >= BN254_PRIME || -n >= BN254_PRIME) return { path, message: `${shown} is outside the BN254 field (|x| must be below p)` };
  return undefined;
}

function show(value: unknown): string {
  const text = typeof value === 'bigint' || typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 60 ? `${text.slice(0, 40)}…${text.slice(-12)}` : text;
}

/** A JSON path as people write it: `accept[0].inputs.a[1]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/**
 * Validate parsed JSON as test vectors; `source` names the file in error messages. Objects are
 * copied with null prototypes first, so no name (`__proto__`, `constructor`) is special.
 */
export function parseTestVectors(json: unknown, source = 'vectors'): TestVectors {
  const result = TestVectorsSchema.safeParse(asData(json));
  if (result.success) {
    const v = result.data;
    if (v.accept.length + v.reject.length + v.forge.length === 0) {
      throw new VectorsError(`${source}: no vectors: give at least one of accept, reject, forge`);
    }
    return v;
  }
  // An unknown key (a typo such as `input`) explains the other issues, so name it first.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
  const others = result.error.issues.length - 1;
  const more = others > 0 ? ` (and ${others} more problem${others > 1 ? 's' : ''})` : '';
  throw new VectorsError(`${source}: ${jsonPath(issue.path) || 'top level'}: ${issue.message}${more}`);
}

/** Read and validate a vectors file. */
export async function loadTestVectors(path: string): Promise<TestVectors> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new VectorsError(`${path}: cannot read the vectors file`);
  }
  let json: unknown;
  try {
    json = parseJsonData(text, { maxDepth: MAX_VECTORS_DEPTH });
  } catch (error) {
    if (error instanceof JsonDataError) throw new VectorsError(`${path}: ${error.message}`);
    throw error;
  }
  return parseTestVectors(json, path);
}
