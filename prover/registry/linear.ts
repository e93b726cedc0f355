import { attributeNumber, formatShape, sizeOf, type GraphNode, type TensorValue } from '../onnx/graph.js';
import { quantizeValue } from '../quantize/fixed-point.js';
import { activationMatMul } from './attention.js';
import { activationInput, constantInput, nodeError, type OperatorDefinition, type PlannedLayer, type QuantizeContext } from './operator.js';

/**
 * Gemm and MatMul with constant weights become one linear layer: the weights are circuit constants,
 * so each product is a linear term and only the rescale of each output costs constraints (the dense
 * entry's rescale: remainder in [0, 2^scale), output in SInt(bits)).
 */
export const gemm: OperatorDefinition = {
  op: 'Gemm',
  kb: ['dense'],
  summary: 'Y = alpha * A B + beta * C with constant B and C (transB allowed)',
  quantize(node, context) {
    const a = activationInput(node, context, 0);
    if (attributeNumber(node, 'transA', 0) !== 0) throw nodeError(node, 'transA = 1 is not supported (transpose the input in the model)');
    if (a.shape.length !== 2) throw nodeError(node, `input A must be 2-D, not ${formatShape(a.shape)}`);
    const b = constantInput(node, context, 1);
    const transB = attributeNumber(node, 'transB', 0) !== 0;
    const alpha = attributeNumber(node, 'alpha', 1);
    const beta = attributeNumber(node, 'beta', 1);
    const [rows, inner] = a.shape;
    const cols = transB ? b.shape[0] : b.shape[1];
    const bInner = transB ? b.shape[1] : b.shape[0];
    if (b.shape.length !== 2 || bInner !== inner) throw nodeError(node, `B of shape ${formatShape(b.shape)} does not fit A of shape ${formatShape(a.shape)}${transB ? ' (transB = 1)' : ''}`);
    const weightAt = (c: number, i: number) => alpha * (transB ? b.data[c * inner + i] : b.data[i * cols + c]);
    const c = node.inputs[2] ? constantInput(node, context, 2) : undefined;
    const biasAt = c ? broadcastMatrix(node, c, rows, cols) : () => 0;
    return linearLayer(node, context, { input: a.name, inputScale: a.scale, rows, inner, cols, weightAt, biasAt: (r, k) => beta * biasAt(r, k) });
  },
};

export const matMul: OperatorDefinition = {
  op: 'MatMul',
  kb: ['dense'],
  summary: 'Y = A B with constant 2-D B (A of any rank: its leading axes are rows), or of two activations (batched)',
  quantize(node, context) {
    if (node.inputs[1] && context.activation(node.inputs[1])) return activationMatMul(node, context);
    const a = activationInput(node, context, 0);
    const b = constantInput(node, context, 1);
    const inner = a.shape[a.shape.length - 1];
    if (b.shape.length !== 2 || b.shape[0] !== inner) throw nodeError(node, `B of shape ${formatShape(b.shape)} does not fit A of shape ${formatShape(a.shape)} (only a constant 2-D B is supported)`);
    const cols = b.shape[1];
    const rows = sizeOf(a.shape) / inner;
    const planned = linearLayer(node, context, { input: a.name, inputScale: a.scale, rows, inner, cols, weightAt: (c, i) => b.data[i * cols + c], biasAt: () => 0 });
    return { ...planned, shape: [...a.shape.slice(0, -1), cols] };
  },
};

interface LinearSpec {
  input: string;
  inputScale: number;
  rows: number;
  inner: number;
  cols: number;
  weightAt(c: number, i: number): number;
  biasAt(r: number, c: number): number;
}

function linearLayer(node: GraphNode, context: QuantizeContext, spec: LinearSpec): PlannedLayer {
  const { rows, inner, cols } = spec;
  const shift = context.scale;
  const weights: bigint[] = [];
  for (let c = 0; c < cols; c++) for (let i = 0; i < inner; i++) weights.push(quantizeValue(spec.weightAt(c, i), shift));
  const bias: bigint[] = [];
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) bias.push(quantizeValue(spec.biasAt(r, c), spec.inputScale + shift));
  // The rescale's witness hint is exact for |acc| < 2^(2 bits + 7); with constant weights the bound is known now.
  const half = 1n << BigInt(context.bits - 1);
  const limit = 1n << BigInt(2 * context.bits + 7);
  for (let c = 0; c < cols; c++) {
    let bound = 0n;
    for (let i = 0; i < inner; i++) bound += abs(weights[c * inner + i]) * half;
    const biasMax = bias.reduce((max, _, index) => (index % cols === c && abs(bias[index]) > max ? abs(bias[index]) : max), 0n);
    if (bound + biasMax >= limit) throw nodeError(node, `output ${c}'s accumulator can reach 2^${bound.toString(2).length}, beyond 2^${2 * context.bits + 7}: lower --scale`);
  }
  return { inputs: [spec.input], shape: [rows, cols], scale: spec.inputScale, params: { kind: 'linear', rows, inner, cols, weights, bias, shift } };
}

/** C broadcast (numpy rules) to rows x cols. */
function broadcastMatrix(node: GraphNode, c: TensorValue, rows: number, cols: number): (r: number, k: number) => number {
  const dims = [...c.shape];
  while (dims.length < 2) dims.unshift(1);
  const [cRows, cCols] = dims.slice(-2);
  if ((cRows !== 1 && cRows !== rows) || (cCols !== 1 && cCols !== cols) || dims.length > 2) throw nodeError(node, `C of shape ${formatShape(c.shape)} does not broadcast to ${rows}x${cols}`);
  return (r, k) => c.data[(cRows === 1 ? 0 : r) * cCols + (cCols === 1 ? 0 : k)];
}

function abs(value: bigint): bigint {
  return value < 0n ? -value : value;
}
