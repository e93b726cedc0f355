import { attributeNumber, formatShape, sizeOf } from '../onnx/graph.js';
import { quantizeValue } from '../quantize/fixed-point.js';
import { activationAndOperand, sameShapeActivation } from './elementwise.js';
import { activationInput, nodeError, type OperatorDefinition } from './operator.js';

/** Fractional bits of the LeakyRelu slope. */
export const LEAKY_RELU_FRAC = 12;

export const mul: OperatorDefinition = {
  op: 'Mul',
  kb: ['dense'],
  summary: 'a * b, rescaled (floor): two activations of one shape, or an activation and a constant broadcast to it',
  quantize(node, context) {
    const { x, constant } = activationAndOperand(node, context);
    if (constant) {
      const quantized = constant.map((v) => quantizeValue(v, context.scale));
      const largest = quantized.reduce((max, v) => (v < 0n ? -v : v) > max ? (v < 0n ? -v : v) : max, 0n);
      // The rescale's hint is exact for |a b| < 2^(2 bits + 7).
      if (largest >= 1n << BigInt(context.bits + 8)) throw nodeError(node, `the constant operand is too large for ${context.bits}-bit activations: lower --scale`);
      return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'mul', constant: quantized, shift: context.scale } };
    }
    const y = sameShapeActivation(node, context, x);
    return { inputs: [x.name, y.name], shape: x.shape, scale: x.scale, params: { kind: 'mul', shift: y.scale } };
  },
};

export const leakyRelu: OperatorDefinition = {
  op: 'LeakyRelu',
  kb: ['leaky-relu'],
  summary: `x for x >= 0, else floor(alpha x), alpha in [0, 1) at ${LEAKY_RELU_FRAC} fractional bits`,
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const alpha = attributeNumber(node, 'alpha', 0.01);
    const slope = quantizeValue(alpha, LEAKY_RELU_FRAC);
    if (alpha < 0 || slope >= 1n << BigInt(LEAKY_RELU_FRAC)) throw nodeError(node, `alpha ${alpha}: only slopes in [0, 1) are supported`);
    if (context.bits + LEAKY_RELU_FRAC > 63) throw nodeError(node, `${context.bits}-bit activations: LeakyRelu needs bits <= ${63 - LEAKY_RELU_FRAC}`);
    return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'leaky-relu', slope, frac: LEAKY_RELU_FRAC } };
  },
};

export const clip: OperatorDefinition = {
  op: 'Clip',
  kb: ['clip'],
  summary: 'min(max(x, min), max) with constant bounds (inputs, or attributes before opset 11)',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const bound = (position: number, attribute: string, fallback: number): number => {
      const name = node.inputs[position];
      if (name) {
        const value = context.constant(name);
        if (!value || sizeOf(value.shape) !== 1) throw nodeError(node, `input ${position} (${name}) must be a constant scalar`);
        return value.data[0];
      }
      return attributeNumber(node, attribute, fallback);
    };
    const half = 1n << BigInt(context.bits - 1);
    const clamp = (v: number) => {
      const q = Number.isFinite(v) ? quantizeValue(v, x.scale) : v > 0 ? half - 1n : -half;
      return q < -half ? -half : q >= half ? half - 1n : q;
    };
    const lo = clamp(bound(1, 'min', -Infinity));
    const hi = clamp(bound(2, 'max', Infinity));
    if (lo > hi) throw nodeError(node, `min ${lo} above max ${hi} (at scale 2^${x.scale})`);
    return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'clip', lo, hi } };
  },
};
