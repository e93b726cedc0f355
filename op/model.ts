import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import { seededUniform } from '../prover/onnx/build.js';
import { formatShape, sizeOf, type Shape } from '../prover/onnx/graph.js';
import { INT64_INPUTS, OPERATOR_SPECS, OpInputError, opsetFor, type AttributeValue } from './attributes.js';

const { onnx } = onnxProto;

/** What `zkcoder op` builds a circuit for: the operator, its attributes and its input shapes. */
export interface OperatorRequest {
  op: string;
  attributes: Record<string, AttributeValue>;
  /** One shape per activation input; for Gemm / MatMul the second is the (constant) weight's. */
  shapes: Shape[];
}

/** A constant input of the one-node model (weights, or a second operand broadcast to the first). */
export interface ModelConstant {
  name: string;
  shape: Shape;
  values: number[];
}

export interface OneNodeModel {
  /** Activation inputs `x0`, `x1`, … with their shapes. */
  inputs: { name: string; shape: Shape }[];
  constants: ModelConstant[];
  /** Bytes of the model with the output shape given (the prover needs it) or left to onnxruntime. */
  bytes(outputShape?: Shape): Uint8Array;
}

/** `1x16` → [1, 16]; `1x16,16` → [[1, 16], [16]]. */
export function parseShapes(text: string): Shape[] {
  return text.split(',').map((part) => {
    const dims = part.trim().split(/[x×*]/).map(Number);
    if (!part.trim() || dims.some((dim) => !Number.isInteger(dim) || dim < 1)) throw new OpInputError(`--shape ${text}: write dimensions as positive integers joined by x, e.g. 1x16 (two inputs: 2x3,3)`);
    return dims;
  });
}

/**
 * The one-node ONNX model for a request (opset 17, or the op's first opset; float32). A second operand of another shape
 * than the first must broadcast to it (numpy rules) and becomes a constant with fixed sampled
 * values, as the prover proves a broadcast operand only when it is a constant.
 */
export function oneNodeModel(request: OperatorRequest): OneNodeModel {
  const spec = OPERATOR_SPECS[request.op];
  const { shapes } = request;
  const inputs: OneNodeModel['inputs'] = [{ name: 'x0', shape: shapes[0] }];
  const constants: ModelConstant[] = [];
  const wanted = spec?.constants === 'layernorm' ? 1 : spec?.constants ? 2 : (spec?.inputs ?? shapes.length);
  if (shapes.length !== wanted) throw new OpInputError(`--shape: ${request.op} takes ${wanted} shape${wanted > 1 ? 's' : ''} (${shapeHelp(request.op)}), got ${shapes.length}`);
  const sample = (name: string, shape: Shape, seed: number, range = 1) => constants.push({ name, shape, values: Array.from(seededUniform(seed, sizeOf(shape), range)) });
  if (spec?.constants === 'conv') {
    const [x, weight] = shapes;
    if (x.length !== 4 || weight.length !== 4 || weight[1] !== x[1]) throw new OpInputError(`--shape: Conv takes an NCHW input and an OIHW weight with I = C (${shapeHelp(request.op)}), got ${shapes.map(formatShape).join(',')}`);
    sample('w', weight, 5, 1 / Math.sqrt(weight[1] * weight[2] * weight[3]));
    sample('b', [weight[0]], 6, 0.1);
  } else if (spec?.constants === 'layernorm') {
    const last = shapes[0][shapes[0].length - 1];
    constants.push({ name: 'scale', shape: [last], values: Array.from(seededUniform(7, last, 0.5), (v) => 1 + v) });
    sample('bias', [last], 8, 0.1);
  } else if (spec?.constants) {
    const weight = shapes[1];
    const inner = shapes[0][shapes[0].length - 1];
    const transB = request.attributes.transB === 1;
    if (weight.length !== 2 || (transB ? weight[1] : weight[0]) !== inner) throw new OpInputError(`--shape: the weight ${formatShape(weight)} does not fit the input ${formatShape(shapes[0])} (${shapeHelp(request.op)})`);
    sample('w', weight, 5, 1 / Math.sqrt(inner));
    if (spec.constants === 'gemm') sample('b', [transB ? weight[0] : weight[1]], 6, 0.1);
  } else if (shapes.length === 2) {
    if (formatShape(shapes[0]) === formatShape(shapes[1])) inputs.push({ name: 'x1', shape: shapes[1] });
    else {
      if (!broadcasts(shapes[1], shapes[0])) throw new OpInputError(`--shape: ${formatShape(shapes[1])} does not broadcast to ${formatShape(shapes[0])} (numpy rules: align trailing axes; each must be equal or 1)`);
      sample('x1', shapes[1], 9);
    }
  }
  const nodeInputs = [...inputs.map((input) => input.name), ...constants.map((constant) => constant.name)];
  // Opset 17 Squeeze / Unsqueeze / ReduceSum read `axes` (Reshape `shape`) from an int64 input, not an attribute.
  const moved = INT64_INPUTS[request.op];
  const int64Values = moved === undefined ? undefined : request.attributes[moved];
  const nodeAttributes = Array.isArray(int64Values) ? Object.fromEntries(Object.entries(request.attributes).filter(([name]) => name !== moved)) : request.attributes;
  if (Array.isArray(int64Values)) nodeInputs.push(moved);
  return {
    inputs,
    constants,
    bytes(outputShape) {
      const model = onnx.ModelProto.create({
        irVersion: 8,
        producerName: 'zkcoder op',
        opsetImport: [{ domain: '', version: opsetFor(request.op) }],
        graph: {
          name: `${request.op}-one-node`,
          node: [{ name: request.op.toLowerCase(), opType: request.op, input: nodeInputs, output: ['y'], attribute: Object.entries(nodeAttributes).map(([name, value]) => attribute(name, value, spec?.attributes[name]?.type ?? (typeof value === 'number' && !Number.isInteger(value) ? 'float' : 'int'))) }],
          input: inputs.map((input) => valueInfo(input.name, input.shape)),
          output: [valueInfo('y', outputShape)],
          initializer: [
            ...constants.map((constant) => ({ name: constant.name, dims: constant.shape, dataType: 1, floatData: constant.values })),
            ...(Array.isArray(int64Values) ? [{ name: moved, dims: [int64Values.length], dataType: 7, int64Data: int64Values }] : []),
          ],
        },
      });
      return onnx.ModelProto.encode(model).finish();
    },
  };
}

/** numpy broadcasting of `from` to `to` (only `from` stretches). */
export function broadcasts(from: Shape, to: Shape): boolean {
  if (from.length > to.length) return false;
  const offset = to.length - from.length;
  return from.every((dim, axis) => dim === 1 || dim === to[axis + offset]);
}

function shapeHelp(op: string): string {
  const spec = OPERATOR_SPECS[op];
  if (spec?.constants === 'conv') return 'input and weight, e.g. --shape 1x1x4x4,2x1x3x3';
  if (spec?.constants === 'layernorm') return 'the input; scale and bias are sampled, e.g. --shape 2x4';
  if (spec?.constants) return 'input and weight, e.g. --shape 1x4,4x3';
  if (spec?.inputs === 2) return 'one per input, e.g. --shape 2x3,2x3, or a constant that broadcasts: --shape 2x3,3';
  return 'e.g. --shape 1x16';
}

function valueInfo(name: string, shape: Shape | undefined): Onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: 1, ...(shape ? { shape: { dim: shape.map((dimValue) => ({ dimValue })) } } : {}) } } };
}

function attribute(name: string, value: AttributeValue, type: string | undefined): Onnx.IAttributeProto {
  const Type = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: Type.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: Type.INTS, ints: value };
  // The declared type decides: alpha = 1 is still a FLOAT attribute.
  return type === 'float' ? { name, type: Type.FLOAT, f: value } : { name, type: Type.INT, i: value };
}
