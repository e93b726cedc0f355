import { formatShape, sizeOf, type GraphNode, type Shape } from '../onnx/graph.js';
import { fitsSigned, quantizeValue } from '../quantize/fixed-point.js';
import type { QuantizedTensor } from '../quantize/types.js';
import { broadcastTo } from './elementwise.js';
import { activationInput, nodeError, type OperatorDefinition, type PlannedLayer, type QuantizeContext } from './operator.js';

interface Operands {
  shape: Shape;
  scale: number;
  /** `source[i]`: the element output i reads, when the activation is broadcast (numpy rules). */
  activations: { tensor: QuantizedTensor; position: number; source?: number[] }[];
  constants: { values: bigint[]; position: number }[];
}

/**
 * A node's inputs split into activations (one scale: the output's) and constants quantized at that
 * scale, every input broadcast (numpy rules) to the output shape. At least one input must be an activation.
 */
function operands(node: GraphNode, context: QuantizeContext): Operands {
  const firstActivation = node.inputs.findIndex((name) => name !== '' && context.constant(name) === undefined);
  if (firstActivation < 0) throw nodeError(node, 'every input is a constant; the prover needs at least one activation (fold constants before proving)');
  const first = activationInput(node, context, firstActivation);
  const shapes = node.inputs.map((name, position) => {
    if (name === '') throw nodeError(node, `input ${position} is empty`);
    return (context.constant(name) ?? activationInput(node, context, position)).shape;
  });
  const shape = broadcastShape(shapes);
  if (!shape) throw nodeError(node, `input shapes ${shapes.map(formatShape).join(', ')} do not broadcast to one shape`);
  const result: Operands = { shape, scale: first.scale, activations: [], constants: [] };
  node.inputs.forEach((name, position) => {
    const constant = context.constant(name);
    if (constant) {
      result.constants.push({ values: (broadcastTo(constant, shape) ?? []).map((v) => quantizeValue(v, first.scale)), position });
      return;
    }
    const tensor = activationInput(node, context, position);
    if (tensor.scale !== first.scale) throw nodeError(node, `activations at scales 2^${first.scale} and 2^${tensor.scale}: only equal scales are supported`);
    const same = formatShape(tensor.shape) === formatShape(shape);
    const source = same ? undefined : broadcastTo({ shape: tensor.shape, data: Float64Array.from({ length: sizeOf(tensor.shape) }, (_, i) => i) }, shape);
    result.activations.push({ tensor, position, ...(source ? { source } : {}) });
  });
  return result;
}

/** The numpy broadcast of several shapes, or undefined when they do not broadcast. */
function broadcastShape(shapes: Shape[]): Shape | undefined {
  const rank = Math.max(...shapes.map((shape) => shape.length));
  const out: Shape = [];
  for (let axis = 0; axis < rank; axis++) {
    const dims = shapes.map((shape) => shape[axis - (rank - shape.length)] ?? 1).filter((dim) => dim !== 1);
    if (new Set(dims).size > 1) return undefined;
    out.push(dims[0] ?? 1);
  }
  return out;
}

/** Broadcast sources, present only when some activation is broadcast. */
function sourcesOf(activations: Operands['activations']): { sources?: (number[] | null)[] } {
  return activations.some((a) => a.source) ? { sources: activations.map((a) => a.source ?? null) } : {};
}

/** out = sum of sign(position) * input(position), constants folded into one broadcast constant. */
function signedSum(node: GraphNode, context: QuantizeContext, sign: (position: number) => bigint): PlannedLayer {
  const { activations, constants, shape, scale } = operands(node, context);
  const constant = constants.length
    ? constants.reduce((acc, { values, position }) => acc.map((v, i) => v + sign(position) * values[i]), new Array<bigint>(constants[0].values.length).fill(0n))
    : undefined;
  return {
    inputs: activations.map(({ tensor }) => tensor.name),
    shape,
    scale,
    params: { kind: 'sum', signs: activations.map(({ position }) => sign(position)), ...(constant ? { constant } : {}), ...sourcesOf(activations) },
  };
}

function arity(node: GraphNode, count: number): void {
  if (node.inputs.length !== count) throw nodeError(node, `${node.inputs.length} inputs; ${node.op} takes ${count}`);
}

export const sub: OperatorDefinition = {
  op: 'Sub',
  kb: ['range-check'],
  summary: 'a - b: activations and constants broadcast to one shape (numpy rules); range-checked',
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
  summary: 'x1 + x2 + ... (n-ary): activations and constants broadcast to one shape; range-checked',
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
    summary: `elementwise ${which} of activations and constants broadcast to one shape`,
    quantize(node, context) {
      if (node.inputs.length < 1) throw nodeError(node, `${op} needs at least one input`);
      const { activations, constants, shape, scale } = operands(node, context);
      for (const { values, position } of constants) {
        if (values.some((v) => !fitsSigned(v, context.bits))) throw nodeError(node, `constant ${node.inputs[position]} does not fit ${context.bits}-bit fixed point at scale 2^${scale}`);
      }
      return { inputs: activations.map(({ tensor }) => tensor.name), shape, scale, params: { kind: 'extremum', which, constants: constants.map(({ values }) => values), ...sourcesOf(activations) } };
    },
  };
}

export const max = extremum('Max');
export const min = extremum('Min');
