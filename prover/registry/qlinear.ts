import { INT8, UINT8, attributeInts, attributeNumber, formatShape, sizeOf, type GraphNode } from '../onnx/graph.js';
import type { ConvParams, LinearParams } from '../quantize/types.js';
import { activationInput, constantInput, nodeError, type OperatorDefinition, type QuantizeContext } from './operator.js';
import {
  OP_HINT,
  axisIndex,
  checkAccumulator,
  clampTo,
  integerActivation,
  integerType,
  largestMagnitude,
  roundHalfEven,
  roundingOffset,
  saturate,
  scaleExponents,
  zeroPoints,
} from './quantized.js';
import { windowGeometry } from './spatial.js';

/**
 * Every rescale here floors by at least 2^1 (weights lifted to match): Noir's dense rescale
 * cannot range-check a 0-bit remainder, and floor(2 a / 2) = a is exact.
 */
const MIN_SHIFT = 1;

/**
 * QuantizeLinear: q = saturate(round(x / 2^-k) + zero point). x at 2^-s becomes x * 2^(k - s):
 * exact when k >= s, else floor((x + 2^(s-k-1)) / 2^(s-k)) (round half up; ONNX rounds ties to
 * even, so a tie can differ by one unit), then the clip to the type's range. Constant inputs fold.
 */
export const quantizeLinear: OperatorDefinition = {
  op: 'QuantizeLinear',
  kb: ['dense', 'clip'],
  summary: 'to int8 / uint8 with a power-of-two y_scale (per tensor) and any zero point: rescale (ties round up), then saturate',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    if (x.integer) throw nodeError(node, `input 0 (${x.name}) is already an ${x.integer.type} tensor`);
    refuseBlocks(node);
    const [k] = scaleExponents(node, context, 1, 'input 1 (y_scale)');
    const zeroPoint = zeroPoints(node, context, 2, 'input 2 (y_zero_point)');
    const integer = { type: zeroPoint.type, zeroPoint: zeroPoint.values[0] };
    const clip = saturate(node, context, integer, k);
    const d = k - x.scale;
    if (d === 0) return { inputs: [x.name], shape: x.shape, scale: k, params: clip.params, integer, kb: clip.kb };
    const n = sizeOf(x.shape);
    const shift = Math.max(-d, MIN_SHIFT);
    const weight = 1n << BigInt(Math.max(d + MIN_SHIFT, 0));
    checkAccumulator(node, context, weight << BigInt(context.bits - 1));
    const params: LinearParams = { kind: 'linear', rows: n, inner: 1, cols: 1, weights: [weight], bias: Array(n).fill(roundingOffset(d < 0 ? shift : 0)), shift };
    return { inputs: [x.name], shape: x.shape, scale: k, params, kb: ['dense'], then: [clip] };
  },
  fold(node, context) {
    const { x, scale, count, at } = constantAndScale(node, context);
    const zeroPoint = zeroPoints(node, context, 2, 'input 2 (y_zero_point)', count);
    const data = x.data.map((value, i) => clampTo(zeroPoint.type, roundHalfEven(value / scale.data[at(i)]) + zeroPoint.values[at(i)]));
    return { shape: x.shape, data, dataType: zeroPoint.type === 'int8' ? INT8 : UINT8 };
  },
};

/**
 * DequantizeLinear: (q - zero point) * 2^-k is the integer the prover already holds at scale 2^-k.
 * Read at the graph scale s: times 2^(s - k), exact, when k < s (so later float layers keep the
 * graph's precision); a relabel with no constraint when k >= s. Constant inputs (weights) fold to
 * floats with any scale, per tensor or per axis, and are then quantized as weights at the graph scale.
 */
export const dequantizeLinear: OperatorDefinition = {
  op: 'DequantizeLinear',
  kb: ['dense'],
  summary: 'from an int8 / uint8 activation with a power-of-two x_scale (per tensor): exact, to the graph scale; constant weights fold (any scales, per axis)',
  quantize(node, context) {
    const x = integerActivation(node, context, 0, 2);
    refuseBlocks(node);
    const [k] = scaleExponents(node, context, 1, 'input 1 (x_scale)');
    if (k >= context.scale) return { inputs: [x.name], shape: x.shape, scale: k, params: { kind: 'reshape' }, kb: [] };
    const n = sizeOf(x.shape);
    const weight = 1n << BigInt(context.scale - k + MIN_SHIFT);
    checkAccumulator(node, context, weight * largestMagnitude(x.integer));
    const params: LinearParams = { kind: 'linear', rows: n, inner: 1, cols: 1, weights: [weight], bias: Array(n).fill(0n), shift: MIN_SHIFT };
    return { inputs: [x.name], shape: x.shape, scale: context.scale, params };
  },
  fold(node, context) {
    const { x, scale, count, at } = constantAndScale(node, context);
    const zeroPoint = node.inputs[2] ? constantInput(node, context, 2).data : new Float64Array(count);
    if (zeroPoint.length !== count && zeroPoint.length !== 1) throw nodeError(node, `input 2 (x_zero_point) has ${zeroPoint.length} values, not ${count}`);
    const zero = (i: number) => zeroPoint[zeroPoint.length === 1 ? 0 : at(i)];
    return { shape: x.shape, data: x.data.map((value, i) => (value - zero(i)) * scale.data[at(i)]) };
  },
};

/**
 * QLinearMatMul with a constant int8 / uint8 B: the linear kind over (a - a_zp) and (b - b_zp),
 * per-column power-of-two b_scale folded into the weights, floor((acc + 2^(shift-1)) / 2^shift)
 * with shift = a's + b's - y's scale bits (round half up), then saturation to y's type.
 */
export const qLinearMatMul: OperatorDefinition = {
  op: 'QLinearMatMul',
  kb: ['dense'],
  summary: 'int8 / uint8 A times a constant int8 / uint8 B, power-of-two scales (B per column allowed), any zero points; requantized (ties round up) and saturated',
  quantize(node, context) {
    const a = integerActivation(node, context, 0, 2);
    const [ka] = scaleExponents(node, context, 1, 'input 1 (a_scale)');
    if (node.inputs[3] && context.activation(node.inputs[3])) throw nodeError(node, `input 3 (b, ${node.inputs[3]}) is an activation: only a constant (initializer) B is supported (${OP_HINT(node.op)})`);
    const b = constantInput(node, context, 3);
    const inner = a.shape[a.shape.length - 1];
    if (b.shape.length !== 2 || b.shape[0] !== inner) throw nodeError(node, `B of shape ${formatShape(b.shape)} does not fit A of shape ${formatShape(a.shape)} (a 2-D B is required)`);
    const cols = b.shape[1];
    const bType = integerType(node, b, 'input 3 (b)');
    const kb = scaleExponents(node, context, 4, 'input 4 (b_scale)', cols);
    const bZero = zeroPoints(node, context, 5, 'input 5 (b_zero_point)', cols);
    if (node.inputs[5] && bZero.type !== bType) throw nodeError(node, `input 5 (b_zero_point) is ${bZero.type} but B is ${bType}`);
    const requantized = requantize(node, context, 6, ka, kb);
    const weights: bigint[] = [];
    for (let c = 0; c < cols; c++) for (let i = 0; i < inner; i++) weights.push(BigInt(b.data[i * cols + c] - bZero.values[c]) << BigInt(requantized.lift[c]));
    const rows = sizeOf(a.shape) / inner;
    const bias: bigint[] = Array(rows * cols).fill(roundingOffset(requantized.shift));
    for (let c = 0; c < cols; c++) checkAccumulator(node, context, weights.slice(c * inner, (c + 1) * inner).reduce((sum, w) => sum + (w < 0n ? -w : w), 0n) * largestMagnitude(a.integer) + bias[0]);
    const params: LinearParams = { kind: 'linear', rows, inner, cols, weights, bias, shift: requantized.shift };
    return { inputs: [a.name], shape: [...a.shape.slice(0, -1), cols], scale: requantized.scale, params, kb: ['dense'], then: [requantized.saturate] };
  },
};

/**
 * QLinearConv (group 1) with constant int8 / uint8 weights: the conv kind over (x - x_zp) and
 * (w - w_zp), per-channel power-of-two w_scale folded into the weights, the int32 bias B at
 * x_scale * w_scale, requantized as QLinearMatMul, then saturated.
 */
export const qLinearConv: OperatorDefinition = {
  op: 'QLinearConv',
  kb: ['dense'],
  summary: '2-D int8 / uint8 convolution (group 1) with constant weights (per-channel power-of-two scales allowed) and int32 bias; requantized (ties round up) and saturated',
  quantize(node, context) {
    const x = integerActivation(node, context, 0, 2);
    if (x.shape.length !== 4) throw nodeError(node, `input of shape ${formatShape(x.shape)}: only 2-D convolution over NCHW (4-D input) is supported`);
    const [kx] = scaleExponents(node, context, 1, 'input 1 (x_scale)');
    const w = constantInput(node, context, 3);
    const wType = integerType(node, w, 'input 3 (w)');
    if (attributeNumber(node, 'group', 1) !== 1) throw nodeError(node, `group ${attributeNumber(node, 'group', 1)}: only group = 1 is supported`);
    if (w.shape.length !== 4 || w.shape[1] !== x.shape[1]) throw nodeError(node, `weights of shape ${formatShape(w.shape)} do not fit input channels ${x.shape[1]} (expected M x ${x.shape[1]} x kH x kW)`);
    const kernelShape = attributeInts(node, 'kernel_shape');
    if (kernelShape && (kernelShape[0] !== w.shape[2] || kernelShape[1] !== w.shape[3])) throw nodeError(node, `kernel_shape ${kernelShape.join('x')} differs from the weights' ${w.shape[2]}x${w.shape[3]}`);
    const outChannels = w.shape[0];
    const kw = scaleExponents(node, context, 4, 'input 4 (w_scale)', outChannels);
    const wZero = zeroPoints(node, context, 5, 'input 5 (w_zero_point)', outChannels);
    if (node.inputs[5] && wZero.type !== wType) throw nodeError(node, `input 5 (w_zero_point) is ${wZero.type} but w is ${wType}`);
    const requantized = requantize(node, context, 6, kx, kw);
    const perChannel = sizeOf(w.shape) / outChannels;
    const weights = Array.from(w.data, (value, index) => {
      const oc = Math.floor(index / perChannel);
      return BigInt(value - wZero.values[oc]) << BigInt(requantized.lift[oc]);
    });
    const b = node.inputs[8] ? constantInput(node, context, 8) : undefined;
    if (b && (b.data.length !== outChannels || b.dataType !== 6)) throw nodeError(node, `input 8 (B) must be ${outChannels} int32 values, not ${formatShape(b.shape)} of element type ${b.dataType}`);
    const bias = Array.from({ length: outChannels }, (_, oc) => (BigInt(b ? b.data[oc] : 0) << BigInt(requantized.lift[oc])) + roundingOffset(requantized.shift));
    for (let oc = 0; oc < outChannels; oc++) {
      const sum = weights.slice(oc * perChannel, (oc + 1) * perChannel).reduce((acc, v) => acc + (v < 0n ? -v : v), 0n);
      checkAccumulator(node, context, sum * largestMagnitude(x.integer) + (bias[oc] < 0n ? -bias[oc] : bias[oc]));
    }
    const geometry = windowGeometry(node, x.shape, [w.shape[2], w.shape[3]], true);
    const params: ConvParams = { kind: 'conv', geometry, outChannels, weights, bias, shift: requantized.shift };
    const shape = [geometry.batch, outChannels, geometry.outHeight, geometry.outWidth];
    return { inputs: [x.name], shape, scale: requantized.scale, params, kb: ['dense'], then: [requantized.saturate] };
  },
};

/**
 * The output side shared by QLinearMatMul and QLinearConv: with channel scales 2^-k[c], the
 * accumulator is at 2^-(input + max k) once channel c's weights are lifted by 2^(max k - k[c]);
 * shift = input + max k - y (weights lifted further when that is negative).
 */
function requantize(node: GraphNode, context: QuantizeContext, yIndex: number, inputBits: number, channelBits: number[]) {
  const [ky] = scaleExponents(node, context, yIndex, `input ${yIndex} (y_scale)`);
  const yZero = zeroPoints(node, context, yIndex + 1, `input ${yIndex + 1} (y_zero_point)`);
  const top = Math.max(...channelBits);
  const raw = inputBits + top - ky;
  const shift = Math.max(raw, MIN_SHIFT);
  const lift = channelBits.map((k) => top - k + Math.max(MIN_SHIFT - raw, 0));
  if (Math.max(...lift) > 24) throw nodeError(node, `the scales differ by 2^${Math.max(...lift)}: too far apart for exact fixed point (${OP_HINT(node.op)})`);
  const integer = { type: yZero.type, zeroPoint: yZero.values[0] };
  return { shift, lift, scale: ky, saturate: saturate(node, context, integer, ky) };
}

/** Blocked quantization (opset 21 block_size) is not supported. */
function refuseBlocks(node: GraphNode): void {
  const blockSize = node.attributes.block_size;
  if (blockSize !== undefined && blockSize !== 0) throw nodeError(node, `attribute block_size ${String(blockSize)}: blocked quantization is not supported (${OP_HINT(node.op)})`);
}

/** A folded Quantize/DequantizeLinear's constant input and its scales: per tensor, or per axis (`at` maps an element to its scale). */
function constantAndScale(node: GraphNode, context: QuantizeContext) {
  const x = constantInput(node, context, 0);
  refuseBlocks(node);
  const scale = constantInput(node, context, 1);
  const count = sizeOf(scale.shape);
  return { x, scale, count, at: axisIndex(node, x.shape, count) };
}
