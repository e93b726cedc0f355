import { toFieldTree, type FieldTree } from '../field.js';
import type { Backend, CompiledCircuit, ExecuteFailure, SourceLocation, Value } from '../types.js';
import type { TestVectors, VectorKind } from './schema.js';
import { outsideDeclaredType, valueTypesOf, type ValueType } from './value-types.js';

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
 * Run every vector against a compiled circuit whose vectors matched it (see `vectorProblems`).
 * Accept: execution succeeds with the expected outputs. Reject: the circuit refuses the inputs
 * while executing (see `rejectRefusal`). Forge: no witness carrying the wrong outputs satisfies
 * the constraints.
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
  const types = valueTypesOf(compiled);
  for (const [index, vector] of vectors.reject.entries()) {
    const start = performance.now();
    const result = await backend.execute(compiled, vector.inputs);
    const base = { kind: 'reject' as const, index, name: vector.name, inputs: vector.inputs };
    const verdict = result.ok
      ? { passed: false, message: `accepted inputs it must refuse (${vector.reason})`, got: result.outputs }
      : { ...rejectRefusal(result.failure, outsideInputTypes(vector.inputs, types?.inputs)), location: result.failure.location };
    verdicts.push({ ...base, ...verdict, durationMs: performance.now() - start });
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
    if (!Object.hasOwn(got, name)) return `no output named "${name}" (outputs: ${Object.keys(got).join(', ') || 'none'})`;
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

/**
 * Does a failed execution of a reject vector count as the circuit refusing it? Yes for a failing
 * assert / constraint, or a runtime failure inside the circuit's execution. An input failure
 * counts only when a value lies outside its declared integer type (256 for a Noir `u8`): that
 * refusal is real, because Noir range-checks typed inputs twice — the ABI encoder refuses the value
 * and the compiled program range-constrains every integer parameter of `main`, so a prover who
 * skips the encoder cannot use it either. Any other input failure means the inputs were never
 * read, and a timeout proves nothing either way: both leave the vector untested, so it fails.
 */
export function rejectRefusal(failure: ExecuteFailure, outsideType: string | undefined): { passed: boolean; message: string } {
  switch (failure.kind) {
    case 'assert':
    case 'runtime':
      return { passed: true, message: `refused: ${failure.message}` };
    case 'input':
      return outsideType
        ? { passed: true, message: `refused by its input type: ${outsideType} (${oneLine(failure.message)})` }
        : { passed: false, message: `untested: the inputs could not be read, so the circuit never ran: ${oneLine(failure.message)}` };
    case 'timeout':
      return { passed: false, message: `inconclusive: ${failure.message}` };
    default:
      return failure.kind satisfies never;
  }
}

function outsideInputTypes(inputs: Record<string, unknown>, types: Record<string, ValueType> | undefined): string | undefined {
  if (!types) return undefined;
  return Object.entries(inputs)
    .map(([name, value]) => (types[name] ? outsideDeclaredType(value, types[name], name) : undefined))
    .find((d) => d !== undefined);
}

function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
}
