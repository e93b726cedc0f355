import { formatShape, type GraphNode } from '../onnx/graph.js';
import { fitsSigned, quantizeValue } from '../quantize/fixed-point.js';
import type { QuantizedTensor } from '../quantize/types.js';
import { broadcastTo } from './elementwise.js';
import { activationInput, nodeError, type OperatorDefinition, type PlannedLayer, type QuantizeContext } from './operator.js';

/**
 * A node's inputs split into activations (one shape, one scale: the output's) and constants
 * broadcast to that shape and quantized at its scale. At least one input must be an activation.
 */
function operands(node: GraphNode, context: QuantizeContext): { activations: { tensor: QuantizedTensor; position: number }[]; constants: { values: bigint[]; position: number }[] } {
  const firstActivation = node.inputs.findIndex((name) => name !== '' && context.constant(name) === undefined);
  if (firstActivation < 0) throw nodeError(node, 'every input is a constant; the prover needs at least one activation (fold constants before proving)');
  const first = activationInput(node, context, firstActivation);
  const activations: { tensor: QuantizedTensor; position: number }[] = [];
  const constants: { values: bigint[]; position: number }[] = [];
  node.inputs.forEach((name, position) => {
    if (name === '') throw nodeError(node, `input ${position} is empty`);
    const constant = context.constant(name);
    if (constant) {
      const values = broadcastTo(constant, first.shape);
      if (!values) throw nodeError(node, `constant ${name} of shape ${formatShape(constant.shape)} does not broadcast to ${formatShape(first.shape)}`);
      constants.push({ values: values.map((v) => quantizeValue(v, first.scale)), position });
      return;
    }
    const tensor = activationInput(node, context, position);
    if (formatShape(tensor.shape) !== formatShape(first.shape)) throw nodeError(node, `activations of shapes ${formatShape(first.shape)} and ${formatShape(tensor.shape)}: only equal shapes are supported`);
    if (tensor.scale !== first.scale) throw nodeError(node, `activations at scales 2^${first.scale} and 2^${tensor.scale}: only equal scales are supported`);
    activations.push({ tensor, position });
  });
  return { activations, constants };
}

/** out = sum of sign(position) * input(position), constants folded into one broadcast constant. */
function signedSum(node: GraphNode, context: QuantizeContext, sign: (position: number) => bigint): PlannedLayer {
  const { activations, constants } = operands(node, context);
  const first = activations[0].tensor;
  const constant = constants.length
    ? constants.reduce((acc, { values, position }) => acc.map((v, i) => v + sign(position) * values[i]), new Array<bigint>(constants[0].values.length).fill(0n))
    : undefined;
  return {
    inputs: activations.map(({ tensor }) => tensor.name),
    shape: first.shape,
    scale: first.scale,
    params: { kind: 'sum', signs: activations.map(({ position }) => sign(position)), ...(constant ? { constant } : {}) },
  };
}

function arity(node: GraphNode, count: number): void {
  if (node.inputs.length !== count) throw nodeError(node, `${node.inputs.length} inputs; ${node.op} takes ${count}`);
}

export const sub: OperatorDefinition = {
  op: 'Sub',
  kb: ['range-check'],
  summary: 'a - b: two activations of one shape, or an activation and a constant broadcast to it; range-checked',
  quantize(node, context) {
    arity(node, 2);
    return signedSum(node, context, (position) => (position === 0 ? 1n : -1n));
  },
};

export const neg: OperatorDefinition = {
  op: 'Neg',
  kb: ['range-check'],
  summary: '-x, range-checked (-(-2^(bits-1)) overflows and is refused)',
  quantize(node, context) {
    arity(node, 1);
    return signedSum(node, context, () => -1n);
  },
};

export const sum: OperatorDefinition = {
  op: 'Sum',
  kb: ['range-check'],
  summary: 'x1 + x2 + ... (n-ary): activations of one shape, constants broadcast to it; range-checked',
  quantize(node, context) {
    if (node.inputs.length < 1) throw nodeError(node, 'Sum needs at least one input');
    return signedSum(node, context, () => 1n);
  },
};

export const abs: OperatorDefinition = {
  op: 'Abs',
  kb: ['abs-signed', 'range-check'],
  summary: '|x|, range-checked (|-2^(bits-1)| overflows and is refused)',
  quantize(node, context) {
    arity(node, 1);
    const x = activationInput(node, context, 0);
    return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'abs' } };
  },
};

function extremum(op: 'Max' | 'Min'): OperatorDefinition {
  const which = op === 'Max' ? 'max' : 'min';
  return {
    op,
    kb: [which],
    summary: `elementwise ${which} of activations of one shape and constants broadcast to it`,
    quantize(node, context) {
      if (node.inputs.length < 1) throw nodeError(node, `${op} needs at least one input`);
      const { activations, constants } = operands(node, context);
      const first = activations[0].tensor;
      for (const { values, position } of constants) {
        if (values.some((v) => !fitsSigned(v, context.bits))) throw nodeError(node, `constant ${node.inputs[position]} does not fit ${context.bits}-bit fixed point at scale 2^${first.scale}`);
      }
      return { inputs: activations.map(({ tensor }) => tensor.name), shape: first.shape, scale: first.scale, params: { kind: 'extremum', which, constants: constants.map(({ values }) => values) } };
    },
  };
}

export const max = extremum('Max');
export const min = extremum('Min');
