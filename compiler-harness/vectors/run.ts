import { toFieldTree, type FieldTree } from '../field.js';
import type { Backend, CompiledCircuit, SourceLocation, Value } from '../types.js';
import type { TestVectors, VectorKind } from './schema.js';

export interface VectorVerdict {
  kind: VectorKind;
  index: number;
  name?: string;
  passed: boolean;
  /** What happened, in one line. */
  message: string;
  inputs: Record<string, unknown>;
  expected?: Record<string, unknown>;
  got?: Record<string, Value>;
  location?: SourceLocation;
  durationMs: number;
}

/**
 * Run every vector against a compiled circuit. Accept: execution succeeds with the expected outputs.
 * Reject: execution fails (for any reason but a timeout). Forge: no witness
 * carrying the wrong outputs satisfies the constraints.
 */
export async function runVectors<C extends CompiledCircuit>(
  backend: Backend<C>,
  compiled: C,
  vectors: TestVectors,
): Promise<VectorVerdict[]> {
  const verdicts: VectorVerdict[] = [];
  const align = (outputs: Record<string, unknown>) => alignOutputs(outputs, compiled.outputNames, compiled.circuit.returnNames);
  for (const [index, vector] of vectors.accept.entries()) {
    const start = performance.now();
    const result = await backend.execute(compiled, vector.inputs);
    const base = { kind: 'accept' as const, index, name: vector.name, inputs: vector.inputs, expected: vector.outputs };
    if (!result.ok) {
      verdicts.push({ ...base, passed: false, message: `refused valid inputs: ${result.failure.message}`, location: result.failure.location, durationMs: performance.now() - start });
      continue;
    }
    const mismatch = vector.outputs ? firstMismatch(align(vector.outputs), result.outputs) : undefined;
    verdicts.push({
      ...base,
      passed: mismatch === undefined,
      message: mismatch ?? 'outputs as expected',
      got: result.outputs,
      durationMs: performance.now() - start,
    });
  }
  for (const [index, vector] of vectors.reject.entries()) {
    const start = performance.now();
    const result = await backend.execute(compiled, vector.inputs);
    const base = { kind: 'reject' as const, index, name: vector.name, inputs: vector.inputs };
    // Input names were checked before running, so an input failure here is about a value (e.g. 2^32
    // for a Noir u32, refused while encoding): that is the circuit's type refusing it. A timeout
    // proves nothing either way.
    const passed = !result.ok && result.failure.kind !== 'timeout';
    const message = result.ok
      ? `accepted inputs it must refuse (${vector.reason})`
      : passed
        ? `refused: ${result.failure.message}`
        : `inconclusive: ${result.failure.message}`;
    verdicts.push({ ...base, passed, message, got: result.ok ? result.outputs : undefined, location: result.ok ? undefined : result.failure.location, durationMs: performance.now() - start });
  }
  for (const [index, vector] of vectors.forge.entries()) {
    const start = performance.now();
    const base = { kind: 'forge' as const, index, name: vector.name, inputs: vector.inputs, expected: vector.outputs };
    try {
      const forged = await backend.forge(compiled, vector.inputs, align(vector.outputs));
      const message = forged.accepted ? `FORGERY ACCEPTED (${vector.reason}): ${forged.detail}` : `forgery rejected: ${forged.detail}`;
      verdicts.push({ ...base, passed: !forged.accepted, message, durationMs: performance.now() - start });
    } catch (error) {
      verdicts.push({ ...base, passed: false, message: `could not forge: ${(error as Error).message}`, durationMs: performance.now() - start });
    }
  }
  return verdicts;
}

/**
 * Vectors name outputs as Circom does (`out`, `q`, `r`); a Noir program has one unnamed return
 * value. So for a circuit whose only output is `return`, one named output is the return value and
 * several are the elements of a returned tuple, in the circuit's `returnNames` order when it has
 * one, else in the order the vector lists them.
 */
export function alignOutputs(outputs: Record<string, unknown>, outputNames: string[], returnNames?: string[]): Record<string, unknown> {
  const given = Object.keys(outputs);
  if (given.every((n) => outputNames.includes(n))) return outputs;
  if (outputNames.length !== 1 || outputNames[0] !== 'return') return outputs;
  // Known return order first (when the circuit declares it), then the vector's own order.
  const names = [...(returnNames ?? []).filter((n) => given.includes(n)), ...given.filter((n) => !returnNames?.includes(n))];
  return { return: names.length === 1 ? outputs[names[0]] : names.map((n) => outputs[n]) };
}

/** The first output that differs from what was expected, described for a report; undefined if none. */
export function firstMismatch(expected: Record<string, unknown>, got: Record<string, Value>): string | undefined {
  for (const [name, value] of Object.entries(expected)) {
    if (!(name in got)) return `no output named "${name}" (outputs: ${Object.keys(got).join(', ') || 'none'})`;
    let want: FieldTree;
    try {
      want = toFieldTree(value, `expected ${name}`);
    } catch (error) {
      return (error as Error).message;
    }
    const have = toFieldTree(got[name], name);
    const path = differingPath(want, have, name);
    if (path) return `output ${path.where}: expected ${path.want}, got ${path.have}`;
  }
  return undefined;
}

function differingPath(want: FieldTree, have: FieldTree, where: string): { where: string; want: string; have: string } | undefined {
  if (Array.isArray(want) || Array.isArray(have)) {
    if (!Array.isArray(want) || !Array.isArray(have) || want.length !== have.length) {
      return { where, want: JSON.stringify(show(want)), have: JSON.stringify(show(have)) };
    }
    for (let i = 0; i < want.length; i++) {
      const d = differingPath(want[i], have[i], `${where}[${i}]`);
      if (d) return d;
    }
    return undefined;
  }
  return want === have ? undefined : { where, want: want.toString(), have: have.toString() };
}

function show(tree: FieldTree): unknown {
  return Array.isArray(tree) ? tree.map(show) : tree.toString();
}

/** Names used by the vectors that the circuit does not have, or inputs it needs that a vector lacks. */
export function vectorInputProblems(vectors: TestVectors, inputNames: string[], source = 'vectors'): string[] {
  const problems: string[] = [];
  for (const kind of ['accept', 'reject', 'forge'] as const) {
    vectors[kind].forEach((vector, index) => {
      const names = Object.keys(vector.inputs);
      const unknown = names.filter((n) => !inputNames.includes(n));
      const missing = inputNames.filter((n) => !names.includes(n));
      if (unknown.length) problems.push(`${source}: ${kind}[${index}]: "${unknown.join('", "')}" not an input of the circuit (its inputs: ${inputNames.join(', ') || 'none'})`);
      if (missing.length && kind !== 'reject') problems.push(`${source}: ${kind}[${index}]: missing input "${missing.join('", "')}"`);
    });
  }
  return problems;
}
