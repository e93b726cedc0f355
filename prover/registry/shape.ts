import { attributeInts, formatShape, sizeOf, type GraphNode, type Shape } from '../onnx/graph.js';
import { activationInput, nodeError, type OperatorDefinition, type QuantizeContext } from './operator.js';

/**
 * Axes from the constant input at `position` (opset 13+ Squeeze / Unsqueeze, ReduceSum; opset 18+
 * ReduceMean) or, when that input is absent, from the `axes` attribute (earlier opsets).
 */
export function axesOf(node: GraphNode, context: QuantizeContext, position: number): number[] | undefined {
  const name = node.inputs[position];
  if (name) {
    const value = context.constant(name);
    if (!value) throw nodeError(node, `axes (input ${position}, ${name}) must be a constant`);
    return Array.from(value.data);
  }
  return attributeInts(node, 'axes');
}

/** Axes normalized to [0, rank), each once, or an error naming the node. */
export function normalizeAxes(node: GraphNode, axes: number[], rank: number): number[] {
  const normal = axes.map((axis) => {
    if (!Number.isInteger(axis) || axis < -rank || axis >= rank) throw nodeError(node, `axis ${axis} is outside [-${rank}, ${rank})`);
    return axis < 0 ? axis + rank : axis;
  });
  if (new Set(normal).size !== normal.length) throw nodeError(node, `axes ${axes.join(',')} repeat an axis`);
  return normal;
}

/** An operator that only renames the row-major integers (no constraints). */
function reshapeLike(op: string, summary: string, shapeOf: (node: GraphNode, input: Shape, context: QuantizeContext) => Shape): OperatorDefinition {
  return {
    op,
    kb: [],
    summary,
    quantize(node, context) {
      const x = activationInput(node, context, 0);
      const shape = shapeOf(node, x.shape, context);
      if (sizeOf(shape) !== sizeOf(x.shape)) throw nodeError(node, `cannot reshape ${formatShape(x.shape)} to ${formatShape(shape)}`);
      return { inputs: [x.name], shape, scale: x.scale, params: { kind: 'reshape' } };
    },
  };
}

export const squeeze = reshapeLike('Squeeze', 'drops axes of size 1 (axes input or attribute; all size-1 axes when absent); no constraints', (node, input, context) => {
  const axes = axesOf(node, context, 1);
  if (!axes) return input.filter((dim) => dim !== 1);
  const drop = normalizeAxes(node, axes, input.length);
  for (const axis of drop) if (input[axis] !== 1) throw nodeError(node, `axis ${axis} has size ${input[axis]}; Squeeze drops only axes of size 1`);
  return input.filter((_, axis) => !drop.includes(axis));
});

export const unsqueeze = reshapeLike('Unsqueeze', 'inserts axes of size 1 (axes input or attribute, required); no constraints', (node, input, context) => {
  const axes = axesOf(node, context, 1);
  if (!axes || axes.length === 0) throw nodeError(node, 'axes missing: Unsqueeze needs the axes to insert');
  const rank = input.length + axes.length;
  const insert = normalizeAxes(node, axes, rank);
  const rest = [...input];
  return Array.from({ length: rank }, (_, axis) => (insert.includes(axis) ? 1 : (rest.shift() as number)));
});

/** Inference Dropout is the identity; training mode (random masks) and the mask output are refused. */
export const dropout = reshapeLike('Dropout', 'inference: the identity (training_mode = 1 and the mask output are refused); no constraints', (node, input, context) => {
  if (node.outputs.filter((name) => name !== '').length > 1) throw nodeError(node, `the mask output ${node.outputs[1]} is not supported: inference Dropout has no mask to prove; drop the second output`);
  const training = node.inputs[2];
  if (training) {
    const value = context.constant(training);
    if (!value) throw nodeError(node, `training_mode (${training}) must be a constant: the prover proves inference, where Dropout is the identity`);
    if (value.data.some((v) => v !== 0)) throw nodeError(node, 'training_mode = 1: random dropout masks cannot be proved; export the model for inference (training_mode = 0)');
  }
  const isTest = node.attributes.is_test;
  if (isTest === 0) throw nodeError(node, 'is_test = 0 (training, opset < 7): export the model for inference');
  return input;
});
