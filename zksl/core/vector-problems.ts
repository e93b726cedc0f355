/**
 * Names in a vectors file (and parameter overrides) that do not match the sketch. These are
 * mistakes in the vectors, not verdicts about the sketch: a reject vector with a misspelt input
 * would otherwise "pass" because the sketch refuses it for the wrong reason.
 */
import type { Params, Sketch } from './sketch.js';

export interface VectorProblem {
  /** `params`: an unknown parameter override; `vectors`: a vector naming inputs/outputs the sketch lacks. */
  where: 'params' | 'vectors';
  message: string;
}

interface NamedVectors {
  accept?: { inputs: Record<string, unknown>; outputs?: Record<string, unknown> }[];
  reject?: { inputs: Record<string, unknown> }[];
  forge?: { inputs: Record<string, unknown>; outputs?: Record<string, unknown> }[];
}

const quote = (names: string[]): string => names.map((n) => `'${n}'`).join(', ');

/** Every name mismatch, in file order; empty when the vectors fit the sketch. */
export function vectorProblems(sketch: Sketch, vectors: NamedVectors, params: Params = {}): VectorProblem[] {
  const unknownParams = Object.keys(params).filter((k) => !(k in sketch.params));
  if (unknownParams.length) {
    const takes = Object.keys(sketch.params).join(', ') || 'none';
    return [{ where: 'params', message: `unknown parameter ${quote(unknownParams)} (${sketch.name} takes ${takes})` }];
  }
  const merged = { ...sketch.params, ...params };
  const inputNames = Object.keys(sketch.inputs(merged));
  const outputNames = Object.keys(sketch.outputs(merged));
  const problems: VectorProblem[] = [];
  for (const kind of ['accept', 'reject', 'forge'] as const) {
    (vectors[kind] ?? []).forEach((vector, index) => {
      const at = `${kind}[${index}]`;
      const unknown = Object.keys(vector.inputs ?? {}).filter((n) => !inputNames.includes(n));
      // reject vectors too, as in the harness: one refused for a missing input says nothing about the sketch
      const missing = inputNames.filter((n) => !(n in (vector.inputs ?? {})));
      if (unknown.length) {
        const alsoMissing = missing.length ? `; missing ${quote(missing)}` : '';
        problems.push({ where: 'vectors', message: `${at}.inputs: unknown input ${quote(unknown)} (${sketch.name}'s inputs are ${inputNames.join(', ') || 'none'}${alsoMissing})` });
      } else if (missing.length) {
        problems.push({ where: 'vectors', message: `${at}.inputs: missing input ${quote(missing)}` });
      }
      const outputs = 'outputs' in vector && vector.outputs ? Object.keys(vector.outputs) : [];
      const unknownOutputs = outputs.filter((n) => !outputNames.includes(n));
      if (unknownOutputs.length) {
        problems.push({ where: 'vectors', message: `${at}.outputs: unknown output ${quote(unknownOutputs)} (${sketch.name}'s outputs are ${outputNames.join(', ')})` });
      }
    });
  }
  return problems;
}
