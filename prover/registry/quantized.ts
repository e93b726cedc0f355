import { INT8, UINT8, attributeNumber, formatShape, sizeOf, type GraphNode, type TensorValue } from '../onnx/graph.js';
import { fitsSigned } from '../quantize/fixed-point.js';
import type { ClipParams, QuantizedInteger, QuantizedTensor } from '../quantize/types.js';
import { activationInput, nodeError, type FollowingLayer, type QuantizeContext } from './operator.js';

/**
 * Shared pieces of the quantized ONNX ops (QuantizeLinear, DequantizeLinear, QLinearMatMul,
 * QLinearConv). An int8 / uint8 activation is held as (stored value - zero point) at the scale
 * 2^-k its ONNX scale names, so only power-of-two scales are exact; everything else is refused.
 */

const RANGES = { int8: [-128, 127], uint8: [0, 255] } as const;

/** Where to go when the prover refuses a quantized node. */
export const OP_HINT = (op: string) => `requantize the model with power-of-two scales, or generate and register a circuit for it with \`zkcoder op ${op}\``;

/** k with value = 2^-k exactly, else an error naming the node and input. */
export function scaleExponent(node: GraphNode, value: number, what: string): number {
  const k = -Math.log2(value);
  if (!(value > 0) || !Number.isInteger(k) || 2 ** -k !== value) {
    throw nodeError(node, `${what} = ${Number(value.toPrecision(7))} is not a power of two: the prover's fixed point holds only scales 2^-k exactly (${OP_HINT(node.op)})`);
  }
  return k;
}

/** A constant scale or zero-point input: one value (per tensor) or `count` values (per axis), else an error. */
export function constantValues(node: GraphNode, context: QuantizeContext, index: number, what: string, count = 1): TensorValue | undefined {
  const name = node.inputs[index];
  if (!name) return undefined;
  const tensor = context.constant(name);
  if (!tensor) throw nodeError(node, `${what} (${name}) must be a constant: the prover fixes scales and zero points in the circuit`);
  const n = sizeOf(tensor.shape);
  if (n !== 1 && n !== count) {
    throw nodeError(node, `${what} has shape ${formatShape(tensor.shape)}; ${count > 1 ? `one value or ${count} (one per channel)` : 'one value (per-tensor quantization: per-axis scales of an activation are not supported)'} expected (${OP_HINT(node.op)})`);
  }
  return tensor;
}

/** The scale exponents of input `index`, one per channel (`count`), from one or `count` values. */
export function scaleExponents(node: GraphNode, context: QuantizeContext, index: number, what: string, count = 1): number[] {
  const tensor = constantValues(node, context, index, what, count);
  if (!tensor) throw nodeError(node, `${what} is missing`);
  return Array.from({ length: count }, (_, c) => scaleExponent(node, tensor.data[tensor.data.length === 1 ? 0 : c], what));
}

/** The element type and zero points of input `index` (a missing zero point is uint8 0, as ONNX says). */
export function zeroPoints(node: GraphNode, context: QuantizeContext, index: number, what: string, count = 1): { type: 'int8' | 'uint8'; values: number[] } {
  const tensor = constantValues(node, context, index, what, count);
  if (!tensor) return { type: 'uint8', values: Array(count).fill(0) };
  return { type: integerType(node, tensor, what), values: Array.from({ length: count }, (_, c) => tensor.data[tensor.data.length === 1 ? 0 : c]) };
}

export function integerType(node: GraphNode, tensor: TensorValue, what: string): 'int8' | 'uint8' {
  if (tensor.dataType === INT8) return 'int8';
  if (tensor.dataType === UINT8) return 'uint8';
  throw nodeError(node, `${what} has element type ${tensor.dataType ?? 'unknown'}: only int8 and uint8 quantization is supported (${OP_HINT(node.op)})`);
}

/** An int8 / uint8 activation whose zero point equals the node's, else an error. */
export function integerActivation(node: GraphNode, context: QuantizeContext, index: number, zeroPointIndex: number): QuantizedTensor & { integer: QuantizedInteger } {
  const x = activationInput(node, context, index);
  if (!x.integer) throw nodeError(node, `input ${index} (${x.name}) is a float activation, not the int8 / uint8 output of QuantizeLinear, QLinearMatMul or QLinearConv`);
  // A missing zero point is 0 of the input's type.
  const zeroPoint = node.inputs[zeroPointIndex] ? zeroPoints(node, context, zeroPointIndex, `input ${zeroPointIndex} (zero point of ${x.name})`) : { type: x.integer.type, values: [0] };
  if (zeroPoint.type !== x.integer.type || zeroPoint.values[0] !== x.integer.zeroPoint) {
    throw nodeError(node, `input ${zeroPointIndex}: zero point ${zeroPoint.values[0]} (${zeroPoint.type}) differs from the ${x.integer.zeroPoint} (${x.integer.type}) ${x.name} was quantized with; only matching zero points are supported`);
  }
  return { ...x, integer: x.integer };
}

/** The largest |stored value - zero point| of an integer tensor. */
export function largestMagnitude(integer: QuantizedInteger): bigint {
  const [lo, hi] = RANGES[integer.type];
  return BigInt(Math.max(Math.abs(lo - integer.zeroPoint), Math.abs(hi - integer.zeroPoint)));
}

/** Saturation of a requantized value to the stored type's range, less its zero point. */
export function saturate(node: GraphNode, context: QuantizeContext, integer: QuantizedInteger, scale: number): FollowingLayer {
  const [lo, hi] = RANGES[integer.type].map((v) => BigInt(v - integer.zeroPoint));
  if (!fitsSigned(lo, context.bits) || !fitsSigned(hi, context.bits)) throw nodeError(node, `the ${integer.type} range less zero point ${integer.zeroPoint} does not fit ${context.bits}-bit activations`);
  const params: ClipParams = { kind: 'clip', lo, hi };
  return { step: 'saturate', kb: ['clip'], scale, params, integer };
}

/** floor((acc + 2^(shift - 1)) / 2^shift): round half up, the rounding offset the bias carries. */
export function roundingOffset(shift: number): bigint {
  return shift > 0 ? 1n << BigInt(shift - 1) : 0n;
}

/** Round half to even, as ONNX's QuantizeLinear does (used only when folding constants). */
export function roundHalfEven(value: number): number {
  const floor = Math.floor(value);
  const rest = value - floor;
  if (rest > 0.5) return floor + 1;
  if (rest < 0.5) return floor;
  return floor % 2 === 0 ? floor : floor + 1;
}

export function clampTo(type: 'int8' | 'uint8', value: number): number {
  const [lo, hi] = RANGES[type];
  return Math.min(hi, Math.max(lo, value));
}

/** Per-axis parameters of a folded constant: the index along `axis` of each element. */
export function axisIndex(node: GraphNode, shape: number[], count: number): (element: number) => number {
  if (count === 1) return () => 0;
  const rank = shape.length;
  const raw = attributeNumber(node, 'axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  if (axis < 0 || axis >= rank || shape[axis] !== count) throw nodeError(node, `axis ${raw}: ${count} scales do not match the input's shape ${formatShape(shape)}`);
  const inner = sizeOf(shape.slice(axis + 1));
  return (element) => Math.floor(element / inner) % count;
}

/** Bound check the dense rescale needs: |acc| < 2^(2 bits + 7) for every output. */
export function checkAccumulator(node: GraphNode, context: QuantizeContext, bound: bigint): void {
  if (bound >= 1n << BigInt(2 * context.bits + 7)) throw nodeError(node, `the accumulator can reach 2^${bound.toString(2).length}, beyond 2^${2 * context.bits + 7}: use wider --bits or smaller scales`);
}
