import type { CompiledCircuit } from '../types.js';
import { alignOutputs } from './run.js';
import { jsonPath, valueProblem, type TestVectors } from './schema.js';
import { shapeProblem, valueTypesOf, type ValueType } from './value-types.js';

/**
 * Mistakes in the vectors themselves, found before anything runs: every vector (reject vectors
 * too) must name exactly the circuit's inputs, each with its declared shape and integer leaves,
 * and name only outputs the circuit has. Otherwise a reject vector would "pass" because its inputs
 * could not even be read, and an accept vector would fail for a reason that says nothing about
 * the circuit. Each problem starts with `source` (the vectors file) and the JSON path.
 */
export function vectorProblems(vectors: TestVectors, compiled: CompiledCircuit, source = 'vectors'): string[] {
  const types = valueTypesOf(compiled);
  const inputNames = compiled.inputNames;
  const problems: string[] = [];
  for (const kind of ['accept', 'reject', 'forge'] as const) {
    vectors[kind].forEach((vector, index) => {
      const at = `${source}: ${kind}[${index}]`;
      const names = Object.keys(vector.inputs);
      const unknown = names.filter((n) => !inputNames.includes(n));
      const missing = inputNames.filter((n) => !names.includes(n));
      const inputsList = inputNames.join(', ') || 'none';
      if (unknown.length) problems.push(`${at}.inputs: "${unknown.join('", "')}" is not an input of the circuit (its inputs: ${inputsList})`);
      if (missing.length) problems.push(`${at}.inputs: missing input "${missing.join('", "')}" (its inputs: ${inputsList})`);
      for (const name of names.filter((n) => inputNames.includes(n))) {
        const problem = typedProblem(vector.inputs[name], types?.inputs[name]);
        if (problem) problems.push(`${at}.${jsonPath(['inputs', name, ...problem.path])}: ${problem.message}`);
      }
      const outputs = 'outputs' in vector ? vector.outputs : undefined;
      if (outputs) problems.push(...outputProblems(outputs, compiled, { at, types: types?.outputs }));
    });
  }
  return problems;
}

function outputProblems(
  outputs: Record<string, unknown>,
  compiled: CompiledCircuit,
  context: { at: string; types?: Record<string, ValueType> },
): string[] {
  const { at, types } = context;
  const names = Object.keys(outputs);
  const { outputNames } = compiled;
  const returnNames = compiled.circuit.returnNames;
  if (names.length === 0) return [];
  if (outputNames.length === 0) return [`${at}.outputs: the circuit has no outputs`];
  // A Noir program's one return value may be named after its parts (see alignOutputs); when the
  // circuit declares those names, other names are mistakes too.
  const returnOnly = outputNames.length === 1 && outputNames[0] === 'return';
  const known = returnOnly ? (returnNames ? ['return', ...returnNames] : undefined) : outputNames;
  const unknown = known ? names.filter((n) => !known.includes(n)) : [];
  if (unknown.length) {
    return [`${at}.outputs: "${unknown.join('", "')}" is not an output of the circuit (its outputs: ${(returnNames ?? outputNames).join(', ')})`];
  }
  const aligned = alignOutputs(outputs, outputNames, returnNames);
  const renamed = names.some((n) => !Object.hasOwn(aligned, n));
  const problems: string[] = [];
  for (const [name, value] of Object.entries(aligned)) {
    const problem = typedProblem(value, types?.[name]);
    if (!problem) continue;
    // Named parts of a returned tuple: the path is inside the return value, not the vector.
    const where = renamed ? `${at}.outputs (as the return value${jsonPath(problem.path) ? ` ${jsonPath(problem.path)}` : ''})` : `${at}.${jsonPath(['outputs', name, ...problem.path])}`;
    problems.push(`${where}: ${problem.message}`);
  }
  return problems;
}

/** Shape against the declared type when known; else at least integer leaves. */
function typedProblem(value: unknown, type: ValueType | undefined) {
  return type ? shapeProblem(value, type) : valueProblem(value);
}
