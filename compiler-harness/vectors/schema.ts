import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * Test vectors, shared by knowledge-base entries, eval tasks and `zkcoder check`:
 * - accept: the circuit must run on `inputs` (and produce `outputs`, when given);
 * - reject: the circuit must refuse `inputs` (execution fails);
 * - forge: honest `inputs` with wrong `outputs`; no satisfying witness may carry them.
 */
const inputs = z.record(z.string(), z.unknown());
const AcceptCase = z.strictObject({ name: z.string().optional(), inputs, outputs: inputs.optional() });
const RejectCase = z.strictObject({ name: z.string().optional(), inputs, reason: z.string().min(1) });
const ForgeCase = z.strictObject({ name: z.string().optional(), inputs, outputs: inputs, reason: z.string().min(1) });

export const TestVectorsSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().optional(),
  accept: z.array(AcceptCase).default([]),
  reject: z.array(RejectCase).default([]),
  forge: z.array(ForgeCase).default([]),
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

/** Validate parsed JSON as test vectors; `source` names the file in error messages. */
export function parseTestVectors(json: unknown, source = 'vectors'): TestVectors {
  const result = TestVectorsSchema.safeParse(json);
  if (result.success) {
    const v = result.data;
    if (v.accept.length + v.reject.length + v.forge.length === 0) {
      throw new VectorsError(`${source}: no vectors: give at least one of accept, reject, forge`);
    }
    return v;
  }
  // An unknown key (a typo such as `input`) explains the other issues, so name it first.
  const issue = result.error.issues.find((i) => i.code === 'unrecognized_keys') ?? result.error.issues[0];
  const path = issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
  const more = result.error.issues.length > 1 ? ` (and ${result.error.issues.length - 1} more problems)` : '';
  throw new VectorsError(`${source}: ${path || 'top level'}: ${issue.message}${more}`);
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
    json = JSON.parse(text);
  } catch (error) {
    throw new VectorsError(`${path}: not valid JSON (${(error as Error).message})`);
  }
  return parseTestVectors(json, path);
}
