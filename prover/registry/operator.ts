import { ModelError, type GraphNode, type Shape, type TensorValue } from '../onnx/graph.js';
import type { LayerParams, QuantizedInteger, QuantizedTensor } from '../quantize/types.js';

/** What an operator sees while it is quantized. */
export interface QuantizeContext {
  bits: number;
  /** Fractional bits of weights and graph inputs. */
  scale: number;
  /** An activation (graph input or earlier output), when the name is one. */
  activation(name: string): QuantizedTensor | undefined;
  /** A constant tensor (initializer or Constant node), when the name is one. */
  constant(name: string): TensorValue | undefined;
}

export interface PlannedLayer {
  /** The activations the layer reads, in order. */
  inputs: string[];
  shape: Shape;
  scale: number;
  params: LayerParams;
  /** The knowledge-base entries of this layer, when not the operator's. */
  kb?: string[];
  /** The output is an int8 / uint8 ONNX tensor (see `QuantizedTensor.integer`). */
  integer?: QuantizedInteger;
  /**
   * More layers the node becomes, each reading the previous one's output (e.g. QLinearMatMul: a
   * linear layer, then the saturating clip); the last one writes the node's output.
   */
  then?: FollowingLayer[];
}

export interface FollowingLayer {
  /** What the step does, for the layer's name (`<node>/<step>`). */
  step: string;
  kb: string[];
  scale: number;
  params: LayerParams;
  integer?: QuantizedInteger;
}

/**
 * One ONNX operator the prover supports: how a node with its attributes becomes a quantized layer.
 * The layer's kind (`params.kind`) fixes its integer semantics and its circuits; operators that
 * `zkcoder op` registers later plug in here with the same shape.
 */
export interface OperatorDefinition {
  op: string;
  /** Knowledge-base entries whose circuits implement it. */
  kb: string[];
  summary: string;
  quantize(node: GraphNode, context: QuantizeContext): PlannedLayer;
  /** When every input is a constant: the output as a constant (folded at quantization time, no layer). */
  fold?(node: GraphNode, context: QuantizeContext): TensorValue;
}

/** The operator is not in the registry: the message names the node and op and says what to do. */
export class UnsupportedOperatorError extends ModelError {
  constructor(node: GraphNode, supported: string[]) {
    super(
      `node ${node.name}: operator ${node.op} is not supported by the prover (supported: ${supported.join(', ')}). ` +
        `Generate and register a circuit for it with \`zkcoder op ${node.op}\`.`,
      node.name,
      node.op,
    );
    this.name = 'UnsupportedOperatorError';
  }
}

/** A ModelError about one node. */
export function nodeError(node: GraphNode, message: string): ModelError {
  return new ModelError(`node ${node.name} (${node.op}): ${message}`, node.name, node.op);
}

/** The activation a node reads at `index`, or a clear error when it is a constant or missing. */
export function activationInput(node: GraphNode, context: QuantizeContext, index: number): QuantizedTensor {
  const name = node.inputs[index];
  const tensor = name === undefined ? undefined : context.activation(name);
  if (!tensor) {
    const what = name !== undefined && context.constant(name) ? 'a constant' : 'not produced by any earlier node';
    throw nodeError(node, `input ${index} (${name ?? 'missing'}) is ${what}; the prover needs an activation here`);
  }
  return tensor;
}

export function constantInput(node: GraphNode, context: QuantizeContext, index: number): TensorValue {
  const name = node.inputs[index];
  const tensor = name === undefined || name === '' ? undefined : context.constant(name);
  if (!tensor) throw nodeError(node, `input ${index} (${name || 'missing'}) must be a constant (initializer): weights are fixed in the circuit`);
  return tensor;
}
