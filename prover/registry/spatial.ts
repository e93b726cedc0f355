import { attributeInts, attributeNumber, formatShape, type GraphNode, type Shape } from '../onnx/graph.js';
import { quantizeValue } from '../quantize/fixed-point.js';
import type { WindowGeometry } from '../quantize/types.js';
import { activationInput, constantInput, nodeError, type OperatorDefinition } from './operator.js';

/**
 * Conv with constant weights is a linear layer over each output's window (terms linear, one rescale
 * per output, as Gemm); the pools call the knowledge-base max-pool / average-pool gadgets once per
 * window, so any kernel, stride, padding and dilation works.
 */
export const conv: OperatorDefinition = {
  op: 'Conv',
  kb: ['dense'],
  summary: '2-D convolution over NCHW with constant weights and bias: strides, pads, dilations; group 1',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    if (x.shape.length !== 4) throw nodeError(node, `input of shape ${formatShape(x.shape)}: only 2-D convolution over NCHW (4-D input) is supported`);
    const w = constantInput(node, context, 1);
    if (attributeNumber(node, 'group', 1) !== 1) throw nodeError(node, `group ${attributeNumber(node, 'group', 1)}: only group = 1 is supported`);
    if (w.shape.length !== 4 || w.shape[1] !== x.shape[1]) throw nodeError(node, `weights of shape ${formatShape(w.shape)} do not fit input channels ${x.shape[1]} (expected M x ${x.shape[1]} x kH x kW)`);
    const kernelShape = attributeInts(node, 'kernel_shape');
    if (kernelShape && (kernelShape[0] !== w.shape[2] || kernelShape[1] !== w.shape[3])) throw nodeError(node, `kernel_shape ${kernelShape.join('x')} differs from the weights' ${w.shape[2]}x${w.shape[3]}`);
    const geometry = windowGeometry(node, x.shape, [w.shape[2], w.shape[3]], true);
    const outChannels = w.shape[0];
    const shift = context.scale;
    const weights = Array.from(w.data, (value) => quantizeValue(value, shift));
    const b = node.inputs[2] ? constantInput(node, context, 2) : undefined;
    if (b && b.data.length !== outChannels) throw nodeError(node, `bias of shape ${formatShape(b.shape)} does not have ${outChannels} values`);
    const bias = Array.from({ length: outChannels }, (_, oc) => quantizeValue(b ? b.data[oc] : 0, x.scale + shift));
    // The rescale's hint is exact for |acc| < 2^(2 bits + 7): bound each output channel's accumulator now.
    const perChannel = weights.length / outChannels;
    const half = 1n << BigInt(context.bits - 1);
    for (let oc = 0; oc < outChannels; oc++) {
      const bound = weights.slice(oc * perChannel, (oc + 1) * perChannel).reduce((sum, weight) => sum + (weight < 0n ? -weight : weight) * half, bias[oc] < 0n ? -bias[oc] : bias[oc]);
      if (bound >= 1n << BigInt(2 * context.bits + 7)) throw nodeError(node, `output channel ${oc}'s accumulator can reach 2^${bound.toString(2).length}, beyond 2^${2 * context.bits + 7}: lower --scale`);
    }
    const shape = [geometry.batch, outChannels, geometry.outHeight, geometry.outWidth];
    return { inputs: [x.name], shape, scale: x.scale, params: { kind: 'conv', geometry, outChannels, weights, bias, shift } };
  },
};

export const maxPool: OperatorDefinition = {
  op: 'MaxPool',
  kb: ['max-pool'],
  summary: '2-D max pooling over NCHW: kernel_shape, strides, pads (padding never wins), dilations',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const geometry = windowGeometry(node, x.shape, requiredKernel(node), true);
    if (attributeNumber(node, 'storage_order', 0) !== 0) throw nodeError(node, 'storage_order = 1 is not supported');
    return { inputs: [x.name], shape: pooledShape(geometry), scale: x.scale, params: { kind: 'max-pool', geometry, countIncludePad: false } };
  },
};

export const averagePool: OperatorDefinition = {
  op: 'AveragePool',
  kb: ['average-pool'],
  summary: '2-D average pooling over NCHW, floor(sum / count): kernel_shape, strides, pads, count_include_pad',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const geometry = windowGeometry(node, x.shape, requiredKernel(node), false);
    const countIncludePad = attributeNumber(node, 'count_include_pad', 0) !== 0;
    return { inputs: [x.name], shape: pooledShape(geometry), scale: x.scale, params: { kind: 'average-pool', geometry, countIncludePad } };
  },
};

export const globalAveragePool: OperatorDefinition = {
  op: 'GlobalAveragePool',
  kb: ['average-pool'],
  summary: 'mean over H x W per channel (NCHW), floor(sum / (H W))',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    if (x.shape.length !== 4) throw nodeError(node, `input of shape ${formatShape(x.shape)}: only NCHW (4-D) input is supported`);
    const [batch, channels, height, width] = x.shape;
    const geometry: WindowGeometry = { batch, channels, height, width, kernel: [height, width], strides: [1, 1], pads: [0, 0, 0, 0], dilations: [1, 1], outHeight: 1, outWidth: 1 };
    return { inputs: [x.name], shape: [batch, channels, 1, 1], scale: x.scale, params: { kind: 'average-pool', geometry, countIncludePad: false } };
  },
};

function requiredKernel(node: GraphNode): [number, number] {
  const kernel = attributeInts(node, 'kernel_shape');
  if (!kernel || kernel.length !== 2) throw nodeError(node, `kernel_shape ${kernel ? kernel.join('x') : 'missing'}: a 2-D kernel_shape is required`);
  return [kernel[0], kernel[1]];
}

function pooledShape(geometry: WindowGeometry): Shape {
  return [geometry.batch, geometry.channels, geometry.outHeight, geometry.outWidth];
}

/** Strides, pads and dilations of a 2-D window op, checked; auto_pad and ceil_mode are refused. */
export function windowGeometry(node: GraphNode, shape: Shape, kernel: [number, number], dilationsAllowed: boolean): WindowGeometry {
  if (shape.length !== 4) throw nodeError(node, `input of shape ${formatShape(shape)}: only 2-D windows over NCHW (4-D input) are supported`);
  const autoPad = node.attributes.auto_pad;
  if (autoPad !== undefined && autoPad !== 'NOTSET') throw nodeError(node, `auto_pad ${String(autoPad)}: give explicit pads instead`);
  if (attributeNumber(node, 'ceil_mode', 0) !== 0) throw nodeError(node, 'ceil_mode = 1 is not supported');
  const pair = (name: string, fallback: number): [number, number] => {
    const value = attributeInts(node, name) ?? [fallback, fallback];
    if (value.length !== 2 || value.some((v) => !Number.isInteger(v) || v < 1)) throw nodeError(node, `${name} ${value.join(',')}: two positive integers expected`);
    return [value[0], value[1]];
  };
  const strides = pair('strides', 1);
  const dilations = pair('dilations', 1);
  if (!dilationsAllowed && (dilations[0] !== 1 || dilations[1] !== 1)) throw nodeError(node, 'dilations are not supported for this op');
  const pads = attributeInts(node, 'pads') ?? [0, 0, 0, 0];
  if (pads.length !== 4 || pads.some((v) => !Number.isInteger(v) || v < 0)) throw nodeError(node, `pads ${pads.join(',')}: four non-negative integers expected (top, left, bottom, right)`);
  if (kernel.some((k) => !Number.isInteger(k) || k < 1)) throw nodeError(node, `kernel ${kernel.join('x')}: positive sizes expected`);
  const span = [dilations[0] * (kernel[0] - 1) + 1, dilations[1] * (kernel[1] - 1) + 1];
  if (pads[0] >= span[0] || pads[2] >= span[0] || pads[1] >= span[1] || pads[3] >= span[1]) throw nodeError(node, `pads ${pads.join(',')} as large as the window ${span.join('x')}: some windows would hold only padding`);
  const [batch, channels, height, width] = shape;
  const outHeight = Math.floor((height + pads[0] + pads[2] - span[0]) / strides[0]) + 1;
  const outWidth = Math.floor((width + pads[1] + pads[3] - span[1]) / strides[1]) + 1;
  if (outHeight < 1 || outWidth < 1) throw nodeError(node, `a ${span.join('x')} window does not fit the ${height}x${width} input`);
  return { batch, channels, height, width, kernel, strides, pads: [pads[0], pads[1], pads[2], pads[3]], dilations, outHeight, outWidth };
}
