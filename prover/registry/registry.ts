import type { GraphNode } from '../onnx/graph.js';
import { add, flatten, identity, relu, reshape, softmax } from './elementwise.js';
import { erf, gelu, layerNormalization, sigmoid, tanh } from './attention.js';
import { concat, transpose } from './layout.js';
import { gemm, matMul } from './linear.js';
import { clip, leakyRelu, mul } from './pointwise.js';
import { averagePool, conv, globalAveragePool, maxPool } from './spatial.js';
import { abs, max, min, neg, sub, sum } from './arithmetic.js';
import { reduceMean, reduceSum } from './reduce.js';
import { dropout, squeeze, unsqueeze } from './shape.js';
import { dequantizeLinear, qLinearConv, qLinearMatMul, quantizeLinear } from './qlinear.js';
import { UnsupportedOperatorError, type OperatorDefinition } from './operator.js';

export const BUILT_IN_OPERATORS: readonly OperatorDefinition[] = [
  gemm,
  matMul,
  conv,
  add,
  mul,
  relu,
  leakyRelu,
  clip,
  softmax,
  maxPool,
  averagePool,
  globalAveragePool,
  flatten,
  reshape,
  identity,
  transpose,
  concat,
  layerNormalization,
  sigmoid,
  tanh,
  gelu,
  erf,
  sub,
  neg,
  sum,
  abs,
  max,
  min,
  reduceSum,
  reduceMean,
  squeeze,
  unsqueeze,
  dropout,
  quantizeLinear,
  dequantizeLinear,
  qLinearMatMul,
  qLinearConv,
];

/**
 * `(opType, attributes) → circuit`: the built-in operators, then any the caller adds (the hook
 * through which operators registered by `zkcoder op` reach the prover). A later definition of the
 * same op replaces the earlier one.
 */
export class OperatorRegistry {
  private readonly operators = new Map<string, OperatorDefinition>();

  constructor(extra: readonly OperatorDefinition[] = []) {
    for (const operator of [...BUILT_IN_OPERATORS, ...extra]) this.operators.set(operator.op, operator);
  }

  supported(): string[] {
    return [...this.operators.keys()].sort();
  }

  has(op: string): boolean {
    return this.operators.has(op);
  }

  /** The operator for a node, or an error naming the node and op. */
  lookup(node: GraphNode): OperatorDefinition {
    const operator = this.operators.get(node.op);
    if (!operator) throw new UnsupportedOperatorError(node, this.supported());
    return operator;
  }
}
