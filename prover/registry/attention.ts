import { attributeNumber, formatShape, sizeOf, type GraphNode } from '../onnx/graph.js';
import { quantizeValue } from '../quantize/fixed-point.js';
import type { LookupParams } from '../quantize/types.js';
import { activationInput, constantInput, nodeError, type OperatorDefinition, type PlannedLayer, type QuantizeContext } from './operator.js';

/** MatMul of two activations (attention scores, attention-weighted values): one product constraint per term. */
export function activationMatMul(node: GraphNode, context: QuantizeContext): PlannedLayer {
  const a = activationInput(node, context, 0);
  const b = activationInput(node, context, 1);
  if (a.shape.length < 2 || b.shape.length < 2) throw nodeError(node, `operands of shapes ${formatShape(a.shape)} and ${formatShape(b.shape)}: both need at least 2 axes`);
  const [rows, inner] = a.shape.slice(-2);
  const [bInner, cols] = b.shape.slice(-2);
  const leading = a.shape.slice(0, -2);
  const sharedB = b.shape.length === 2;
  if (bInner !== inner || (!sharedB && formatShape(b.shape.slice(0, -2)) !== formatShape(leading))) throw nodeError(node, `B of shape ${formatShape(b.shape)} does not fit A of shape ${formatShape(a.shape)} (B must be 2-D or share A's leading axes)`);
  // The rescale's hint is exact for |acc| < 2^(2 bits + 7), and each product is below 2^(2 bits - 2).
  if (inner >= 512) throw nodeError(node, `inner size ${inner}: at most 511 terms per output are supported`);
  const params = { kind: 'matmul' as const, batch: sizeOf(leading), rows, inner, cols, sharedB, shift: b.scale };
  return { inputs: [a.name, b.name], shape: [...leading, rows, cols], scale: a.scale, params };
}

export const layerNormalization: OperatorDefinition = {
  op: 'LayerNormalization',
  kb: ['layernorm', 'dense'],
  summary: 'over the last axis with constant Scale and B; epsilon in [0, 1) rounded to units of 2^-2s / n^3 (at least one)',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const axis = attributeNumber(node, 'axis', -1);
    if (axis !== -1 && axis !== x.shape.length - 1) throw nodeError(node, `axis ${axis}: only the last axis is supported`);
    if (x.scale > 12) throw nodeError(node, `input at scale 2^${x.scale}: the layernorm circuit supports at most 12 fractional bits`);
    const length = x.shape[x.shape.length - 1];
    if (length > 64) throw nodeError(node, `rows of ${length}: the layernorm circuit's 64-bit residuals support at most 64 values per row`);
    const gammaTensor = constantInput(node, context, 1);
    const betaTensor = node.inputs[2] ? constantInput(node, context, 2) : undefined;
    const perRow = (values: Float64Array | undefined, what: string) => {
      if (values && values.length !== length && values.length !== 1) throw nodeError(node, `${what} has ${values.length} values, not ${length}`);
      return Array.from({ length }, (_, j) => (values ? values[values.length === 1 ? 0 : j] : 0));
    };
    const shift = context.scale;
    const gamma = perRow(gammaTensor.data, 'Scale').map((v) => quantizeValue(v, shift));
    const beta = perRow(betaTensor?.data, 'B').map((v) => quantizeValue(v, x.scale + shift));
    if (gamma.some((g) => (g < 0n ? -g : g) >= 1n << BigInt(context.bits + 8))) throw nodeError(node, 'Scale is too large for the activations: lower --scale');
    const epsilon = layerNormEpsilon(node, length, x.scale);
    return { inputs: [x.name], shape: x.shape, scale: x.scale, params: { kind: 'layer-norm', rows: sizeOf(x.shape) / length, length, frac: x.scale, epsilon, gamma, beta, shift } };
  },
};

/**
 * epsilon in units of the circuit's variance sum D = n^3 2^(2 frac) var: round(epsilon n^3 2^(2 frac)),
 * at least 1 (one unit keeps a constant row defined, where onnxruntime divides 0 by sqrt(epsilon)).
 * Below 1 so that D + eps stays within the residual widths of both circuits.
 */
function layerNormEpsilon(node: GraphNode, length: number, frac: number): bigint {
  const epsilon = attributeNumber(node, 'epsilon', 1e-5);
  if (!(epsilon >= 0) || epsilon >= 1) throw nodeError(node, `attribute epsilon ${epsilon}: only 0 <= epsilon < 1 is supported (the layernorm circuit's residuals are sized for it)`);
  const units = BigInt(Math.round(epsilon * length ** 3 * 2 ** (2 * frac)));
  return units < 1n ? 1n : units;
}

function lookupOperator(op: string, table: LookupParams['table'], summary: string): OperatorDefinition {
  const inputBits = table === 'tanh' ? 3 : 2;
  return {
    op,
    kb: ['rescale', 'clip', table === 'gelu' ? 'gelu-lookup' : 'sigmoid-lookup'],
    summary,
    quantize(node, context) {
      const x = activationInput(node, context, 0);
      if (x.scale < inputBits) throw nodeError(node, `input at scale 2^${x.scale}: the ${table} table reads ${inputBits} fractional bits, so --scale must be at least ${inputBits}`);
      if (op === 'Gelu' && node.attributes.approximate !== undefined && node.attributes.approximate !== 'none') throw nodeError(node, `approximate ${String(node.attributes.approximate)}: only the exact (erf) GELU is supported`);
      const shift = x.scale - inputBits;
      if (context.bits - shift < 6) throw nodeError(node, `${context.bits}-bit activations at scale 2^${x.scale} leave too few bits for the table index`);
      return { inputs: [x.name], shape: x.shape, scale: 8, params: { kind: 'lookup', table, shift } };
    },
  };
}

/** Input floored to 2 fractional bits and saturated to [-4, 3.75]: error up to 0.063 (0.25 * max slope 1/4) plus 0.024 saturation. */
export const sigmoid = lookupOperator('Sigmoid', 'sigmoid', 'sigmoid lookup (32 entries, input floored to 0.25, saturated to [-4, 3.75]); output 8 fractional bits; error <= 0.07');
/** 2 sigmoid(2x) - 1 from the same table: input floored to 0.125, saturated to [-2, 1.875]; error up to 0.13. */
export const tanh = lookupOperator('Tanh', 'tanh', 'tanh = 2 sigmoid(2x) - 1 from the sigmoid lookup (input floored to 0.125, saturated to [-2, 1.875]); error <= 0.13');
/** Input floored to 2 fractional bits and saturated to [-4, 3.75]: error up to 0.29 (0.25 * max slope 1.13), and x - 3.75 above 3.75. */
export const gelu = lookupOperator('Gelu', 'gelu', 'GELU lookup (32 entries, input floored to 0.25, saturated to [-4, 3.75]); error <= 0.3 inside the domain');

/** Fractional bits of Erf's input multiplier. */
const ERF_MULTIPLIER_FRAC = 12;

/**
 * erf(z) ~ 2 sigmoid(1.702 sqrt(2) z) - 1 (the logistic approximation of the normal CDF, off by at
 * most 0.02), read from the sigmoid table at 2 fractional bits of 2.407 z (saturated to [-4, 3.75],
 * i.e. z in [-1.66, 1.56]): error up to 0.15 (0.25 table step times slope 1.2/2, plus the above).
 */
export const erf: OperatorDefinition = {
  op: 'Erf',
  kb: ['dense', 'clip', 'sigmoid-lookup'],
  summary: 'erf(z) ~ 2 sigmoid(2.407 z) - 1 from the sigmoid lookup; error <= 0.15',
  quantize(node, context) {
    const x = activationInput(node, context, 0);
    const multiplier = quantizeValue(1.702 * Math.SQRT2, ERF_MULTIPLIER_FRAC);
    const shift = x.scale + ERF_MULTIPLIER_FRAC - 2;
    if (context.bits < 8) throw nodeError(node, `${context.bits}-bit activations leave too few bits for the table index`);
    return { inputs: [x.name], shape: x.shape, scale: 8, params: { kind: 'lookup', table: 'tanh', shift, multiplier } };
  },
};
