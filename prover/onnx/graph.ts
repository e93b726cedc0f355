/**
 * The float graph read from an ONNX model: what the quantizer and the reference need, in plain
 * data. Tensors are row-major `Float64Array`s; every shape is static (the prover proves one
 * fixed-size inference).
 */

export type Shape = number[];

export interface TensorValue {
  shape: Shape;
  data: Float64Array;
  /** The ONNX element type it was stored as (1 float, 2 uint8, 3 int8, 6 int32, 7 int64, ...), when read from a model. */
  dataType?: number;
}

/** ONNX element types of quantized tensors. */
export const UINT8 = 2;
export const INT8 = 3;

export type AttributeValue = number | string | number[] | TensorValue;

export interface GraphNode {
  /** The node's name, or `OpType_index` when the model leaves it empty. */
  name: string;
  op: string;
  inputs: string[];
  outputs: string[];
  attributes: Record<string, AttributeValue>;
}

export interface GraphValue {
  name: string;
  shape: Shape;
}

export interface FloatGraph {
  inputs: GraphValue[];
  outputs: GraphValue[];
  /** Constant tensors: initializers and the outputs of Constant nodes. */
  constants: Map<string, TensorValue>;
  /** In execution order (ONNX requires topological order). */
  nodes: GraphNode[];
  opset: number;
}

/** A model the prover cannot handle, with where the problem is. */
export class ModelError extends Error {
  constructor(
    message: string,
    readonly node?: string,
    readonly op?: string,
  ) {
    super(message);
    this.name = 'ModelError';
  }
}

export function sizeOf(shape: Shape): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

export function formatShape(shape: Shape): string {
  return shape.length === 0 ? 'scalar' : shape.join('x');
}

export function attributeNumber(node: GraphNode, name: string, fallback: number): number {
  const value = node.attributes[name];
  if (value === undefined) return fallback;
  if (typeof value !== 'number') throw new ModelError(`node ${node.name} (${node.op}): attribute ${name} must be a number`, node.name, node.op);
  return value;
}

export function attributeInts(node: GraphNode, name: string): number[] | undefined {
  const value = node.attributes[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ModelError(`node ${node.name} (${node.op}): attribute ${name} must be a list of integers`, node.name, node.op);
  return value;
}
