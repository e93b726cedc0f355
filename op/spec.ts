import type { Lang } from '../compiler-harness/types.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import type { Shape } from '../prover/onnx/graph.js';
import type { AttributeValue } from './attributes.js';

/**
 * The operator spec: the op at its attributes, shapes and scale, the exact integer semantics the
 * circuit proves, the tolerance against onnxruntime's float outputs, and vectors derived from
 * onnxruntime. It is the task a model gets and what REPORT.md states.
 */
export interface OperatorSpec {
  op: string;
  attributes: Record<string, AttributeValue>;
  shapes: Shape[];
  outputShape: Shape;
  scale: number;
  bits: number;
  /** `registry`: the prover's verified circuit instantiated; `generated`: written by the agent. */
  mode: 'registry' | 'generated';
  /** The exact integer semantics, in words. */
  semantics: string;
  tolerance: {
    /** max |dequantized circuit output − onnxruntime| over the accepted samples. */
    measured: number;
    /** What the semantics guarantee, when there is a bound (e.g. half a unit). */
    bound?: number;
    note: string;
  };
  reference: { runtime: string; samples: string[] };
  /** Per language: vectors in the circuit's own names. */
  vectors: Partial<Record<Lang, TestVectors>>;
}

export function vectorCounts(vectors: TestVectors | undefined): string {
  return vectors ? `${vectors.accept.length} accept, ${vectors.reject.length} reject, ${vectors.forge.length} forge` : 'none';
}
