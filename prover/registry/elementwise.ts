import { attributeNumber, formatShape, sizeOf, type GraphNode, type Shape, type TensorValue } from '../onnx/graph.js';
import { quantizeValue } from '../quantize/fixed-point.js';
import type { QuantizedTensor } from '../quantize/types.js';
import { activationInput, nodeError, type OperatorDefinition, type QuantizeContext } from './operator.js';

export const relu: OperatorDefinition = {
  op: 'Relu',
  kb: ['relu'],
  summary: 'max(x, 0), elementwise',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'relu' } };
  },
};

export const add: OperatorDefinition = {
  op: 'Add',
  kb: ['range-check'],
  summary: 'a + b: two activations of one shape, or an activation and a constant broadcast to it',
  quantize(node, context) {
    const { x, constant } = activationAndOperand(node, context);
    if (constant) {
      return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'add', constant: constant.map((v) => quantizeValue(v, x.scale)) } };
    }
    const y = sameShapeActivation(node, context, x);
    if (y.scale !== x.scale) throw nodeError(node, `activations at scales 2^${x.scale} and 2^${y.scale}: only equal scales are supported`);
    return { inputs: [x.name, y.name], shape: x.shape, scale: x.scale, params: { kind: 'add' } };
  },
};

export const softmax: OperatorDefinition = {
  op: 'Softmax',
  kb: ['rescale', 'softmax'],
  summary: 'softmax over the last axis; probabilities with 8 fractional bits',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const axis = attributeNumber(node, 'axis', -1);
    if (axis !== -1 && axis !== x.shape.length - 1) throw nodeError(node, `axis ${axis}: only the last axis is supported`);
    if (x.scale < 1) throw nodeError(node, 'the input needs at least 1 fractional bit (--scale >= 1)');
    const length = x.shape[x.shape.length - 1];
    const shift = x.scale - 1;
    if (context.bits - shift < 5) throw nodeError(node, `the logits keep ${context.bits - shift} bits after rescaling; the softmax circuit needs at least 5`);
    if (context.bits < 10) throw nodeError(node, 'probabilities (0..256) need at least 10 signed bits');
    return { inputs: [x.name], shape: x.shape, scale: 8, params: { kind: 'softmax', rows: sizeOf(x.shape) / length, length, shift } };
  },
};

function reshapeOperator(op: string, summary: string, shapeOf: (node: Parameters<OperatorDefinition['quantize']>[0], input: Shape, constant: (name: string) => TensorValue | undefined) => Shape): OperatorDefinition {
  return {
    op,
    kb: [],
    summary,
    quantize(node, context) {
      const x = activationInput(node, context, 0);
      const shape = shapeOf(node, x.shape, (name) => context.constant(name));
      if (sizeOf(shape) !== sizeOf(x.shape)) throw nodeError(node, `cannot reshape ${formatShape(x.shape)} to ${formatShape(shape)}`);
      return { inputs: [x.name], shape, scale: x.scale, params: { kind: 'reshape' } };
    },
  };
}

export const flatten = reshapeOperator('Flatten', 'to 2-D at axis (default 1); no constraints', (node, input) => {
  const axis = attributeNumber(node, 'axis', 1);
  const at = axis < 0 ? axis + input.length : axis;
  return [sizeOf(input.slice(0, at)), sizeOf(input.slice(at))];
});

export const reshape = reshapeOperator('Reshape', 'to a constant shape (0 copies, -1 infers); no constraints', (node, input, constant) => {
  const target = constant(node.inputs[1]);
  if (!target) throw nodeError(node, 'the target shape must be a constant');
  const dims = Array.from(target.data, (dim, axis) => (dim === 0 ? input[axis] : dim));
  const known = dims.filter((dim) => dim !== -1).reduce((a, b) => a * b, 1);
  return dims.map((dim) => (dim === -1 ? sizeOf(input) / known : dim));
});

export const identity = reshapeOperator('Identity', 'passes the tensor through; no constraints', (_node, input) => input);

/** The constant's values broadcast (numpy rules) to `shape`, row-major; undefined when it does not broadcast. */
/**
 * A binary elementwise node's activation, and its other operand: a constant (either side) broadcast
 * to the activation's shape, or none when both are activations (read with `sameShapeActivation`).
 */
export function activationAndOperand(node: GraphNode, context: QuantizeContext): { x: QuantizedTensor; constant?: number[] } {
  const [first, second] = node.inputs;
  const constantFirst = context.constant(first) !== undefined;
  const x = activationInput(node, context, constantFirst ? 1 : 0);
  const otherName = constantFirst ? first : second;
  const constant = context.constant(otherName);
  if (!constant) return { x };
  const values = broadcastTo(constant, x.shape);
  if (!values) throw nodeError(node, `constant ${otherName} of shape ${formatShape(constant.shape)} does not broadcast to ${formatShape(x.shape)}`);
  return { x, constant: values };
}

/** The second activation of a binary elementwise node, which must have the first one's shape. */
export function sameShapeActivation(node: GraphNode, context: QuantizeContext, x: QuantizedTensor): QuantizedTensor {
  const y = activationInput(node, context, 1);
  if (formatShape(y.shape) !== formatShape(x.shape)) throw nodeError(node, `activations of shapes ${formatShape(x.shape)} and ${formatShape(y.shape)}: only equal shapes are supported`);
  return y;
}

export function broadcastTo(constant: TensorValue, shape: Shape): number[] | undefined {
  const dims = [...constant.shape];
  if (dims.length > shape.length) return undefined;
  while (dims.length < shape.length) dims.unshift(1);
  if (dims.some((dim, axis) => dim !== 1 && dim !== shape[axis])) return undefined;
  const out: number[] = [];
  const index = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < sizeOf(shape); flat++) {
    let source = 0;
    for (let axis = 0; axis < shape.length; axis++) source = source * dims[axis] + (dims[axis] === 1 ? 0 : index[axis]);
    out.push(constant.data[source]);
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      if (++index[axis] < shape[axis]) break;
      index[axis] = 0;
    }
  }
  return out;
}
