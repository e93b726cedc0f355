import { sizeOf } from '../onnx/graph.js';
import { floorDivide, floorShift, fitsSigned } from './fixed-point.js';
import type { IntegerTensors, LayerNormParams, QuantizedGraph, QuantizedLayer } from './types.js';
import { convOutputs, PADDING, poolWindows } from './windows.js';

/** The exp table of the knowledge-base softmax: round(exp(-t / 2) * 2^12) for t = 0..15. */
export const SOFTMAX_EXP_TABLE = [4096n, 2484n, 1507n, 914n, 554n, 336n, 204n, 124n, 75n, 46n, 28n, 17n, 10n, 6n, 4n, 2n];

/** The knowledge-base sigmoid-lookup table: round(sigmoid(t / 4) * 2^8) for t = -16..15. */
export const SIGMOID_TABLE = [5, 6, 8, 10, 12, 15, 19, 24, 31, 38, 47, 57, 69, 82, 97, 112, 128, 144, 159, 174, 187, 199, 209, 218, 225, 232, 237, 241, 244, 246, 248, 250].map(BigInt);
/** The knowledge-base gelu-lookup table: round(GELU(t / 4) * 2^8) for t = -16..15. */
export const GELU_TABLE = [0, 0, 0, 0, -1, -2, -4, -7, -12, -18, -26, -34, -41, -44, -39, -26, 0, 38, 89, 148, 215, 286, 358, 430, 500, 569, 636, 702, 767, 832, 896, 960].map(BigInt);

/** An activation left SInt(bits): the circuit refuses this input, so the interpreter does too. */
export class OverflowError extends Error {
  constructor(
    readonly layer: string,
    readonly index: number,
    readonly value: bigint,
    bits: number,
  ) {
    super(`layer ${layer}: value ${value} at index ${index} overflows ${bits}-bit fixed point (lower --scale or calibrate)`);
    this.name = 'OverflowError';
  }
}

/**
 * Run the quantized graph on integers: the oracle for the circuits. Every step is exactly what the
 * circuit proves (floor rescale, range checks that refuse overflow, the softmax table and floor
 * division), so its outputs equal the circuit's bit for bit. Returns every activation.
 */
export function interpretQuantized(graph: QuantizedGraph, inputs: IntegerTensors): IntegerTensors {
  const values: IntegerTensors = new Map(inputs);
  for (const layer of graph.layers) {
    const operands = layer.inputs.map((name) => {
      const tensor = values.get(name);
      if (!tensor) throw new Error(`layer ${layer.node}: activation ${name} has no value`);
      return tensor;
    });
    values.set(layer.output.name, evaluateLayer(layer, operands, graph.bits));
  }
  return values;
}

export function evaluateLayer(layer: QuantizedLayer, operands: bigint[][], bits: number): bigint[] {
  const [x] = operands;
  const checked = (out: bigint[]) => {
    out.forEach((value, index) => {
      if (!fitsSigned(value, bits)) throw new OverflowError(layer.node, index, value, bits);
    });
    return out;
  };
  const params = layer.params;
  switch (params.kind) {
    case 'linear': {
      const out: bigint[] = [];
      for (let r = 0; r < params.rows; r++) {
        for (let c = 0; c < params.cols; c++) {
          let acc = params.bias[r * params.cols + c];
          for (let i = 0; i < params.inner; i++) acc += x[r * params.inner + i] * params.weights[c * params.inner + i];
          out.push(floorShift(acc, params.shift));
        }
      }
      return checked(out);
    }
    case 'add':
      return checked(x.map((value, index) => value + (params.constant ? params.constant[index] : operands[1][index])));
    case 'relu':
      checked(x);
      return x.map((value) => (value > 0n ? value : 0n));
    case 'softmax': {
      checked(x);
      const out: bigint[] = [];
      for (let r = 0; r < params.rows; r++) {
        const row = x.slice(r * params.length, (r + 1) * params.length).map((value) => floorShift(value, params.shift));
        const max = row.reduce((best, value) => (value > best ? value : best));
        const e = row.map((value) => (max - value < 16n ? SOFTMAX_EXP_TABLE[Number(max - value)] : 0n));
        const sum = e.reduce((a, b) => a + b, 0n);
        for (const term of e) out.push(floorDivide(term * 256n, sum));
      }
      return out;
    }
    case 'reshape':
      return x;
    case 'conv':
      return checked(convOutputs(params).map(({ bias, terms }) => floorShift(terms.reduce((acc, [index, weight]) => acc + x[index] * weight, bias), params.shift)));
    case 'max-pool':
      checked(x);
      return poolWindows(params).map((window) => window.map((index) => x[index]).reduce((best, value) => (value > best ? value : best)));
    case 'average-pool':
      checked(x);
      return checked(
        poolWindows(params).map((window) => {
          const sum = window.reduce((acc, index) => acc + (index === PADDING ? 0n : x[index]), 0n);
          return floorDivide(sum, BigInt(window.length));
        }),
      );
    case 'mul':
      if (!params.constant) checked(operands[1]);
      return checked(checked(x).map((value, index) => floorShift(value * (params.constant ? params.constant[index] : operands[1][index]), params.shift)));
    case 'leaky-relu':
      return checked(checked(x).map((value) => (value >= 0n ? value : floorShift(params.slope * value, params.frac))));
    case 'clip':
      return checked(x).map((value) => (value < params.lo ? params.lo : value > params.hi ? params.hi : value));
    case 'matmul': {
      const b = checked(operands[1]);
      const out: bigint[] = [];
      const { batch, rows, inner, cols } = params;
      for (let n = 0; n < batch; n++) {
        const bOffset = params.sharedB ? 0 : n * inner * cols;
        for (let r = 0; r < rows; r++) {
          for (let c = 0; c < cols; c++) {
            let acc = 0n;
            for (let i = 0; i < inner; i++) acc += x[(n * rows + r) * inner + i] * b[bOffset + i * cols + c];
            out.push(floorShift(acc, params.shift));
          }
        }
      }
      checked(x);
      return checked(out);
    }
    case 'layer-norm':
      return checked(layerNorm(checked(x), params, checked));
    case 'lookup':
      if (params.multiplier !== undefined) checked(x.map((value) => floorShift(value * (params.multiplier ?? 1n), params.shift)));
      return checked(x).map((value) => {
        const shifted = floorShift(params.multiplier === undefined ? value : value * params.multiplier, params.shift);
        const v = Number(shifted < -16n ? -16n : shifted > 15n ? 15n : shifted);
        if (params.table === 'gelu') return GELU_TABLE[v + 16];
        return params.table === 'tanh' ? 2n * SIGMOID_TABLE[v + 16] - 256n : SIGMOID_TABLE[v + 16];
      });
    case 'gather':
      return params.sources.map(([position, index]) => operands[position][index]);
    case 'elementwise':
      return checked(x.map(params.evaluate));
    case 'sum': {
      operands.forEach(checked);
      const at = (k: number, index: number) => operands[k][params.sources?.[k]?.[index] ?? index];
      const n = sizeOf(layer.output.shape);
      return checked(Array.from({ length: n }, (_, index) => operands.reduce((acc, _operand, k) => acc + params.signs[k] * at(k, index), params.constant ? params.constant[index] : 0n)));
    }
    case 'abs':
      return checked(checked(x).map((value) => (value < 0n ? -value : value)));
    case 'extremum': {
      operands.forEach(checked);
      const better = (a: bigint, b: bigint) => (params.which === 'max' ? (b > a ? b : a) : b < a ? b : a);
      const at = (k: number, index: number) => operands[k][params.sources?.[k]?.[index] ?? index];
      return Array.from({ length: sizeOf(layer.output.shape) }, (_, index) => [...operands.map((_operand, k) => at(k, index)), ...params.constants.map((constant) => constant[index])].reduce(better));
    }
    case 'reduce':
      checked(x);
      return checked(
        params.groups.map((group) => {
          const sum = group.reduce((acc, index) => acc + x[index], 0n);
          return params.mean ? floorDivide(sum, BigInt(group.length)) : sum;
        }),
      );
    default:
      return params satisfies never;
  }
}

/** The knowledge-base layernorm per row (exact integer square root), then the affine rescale. */
function layerNorm(x: bigint[], params: LayerNormParams, checked: (out: bigint[]) => bigint[]): bigint[] {
  const n = BigInt(params.length);
  const target = n << BigInt(2 * (params.frac + 16));
  const out: bigint[] = [];
  for (let r = 0; r < params.rows; r++) {
    const row = x.slice(r * params.length, (r + 1) * params.length);
    const sum = row.reduce((a, b) => a + b, 0n);
    const d = row.map((value) => n * value - sum);
    const denominator = d.reduce((acc, value) => acc + value * value, params.epsilon);
    const inv = integerSquareRoot(target / denominator);
    const normalized = checked(d.map((value) => floorShift(value * inv, 16)));
    normalized.forEach((value, j) => out.push(floorShift(value * params.gamma[j] + params.beta[j], params.shift)));
  }
  return out;
}

/** floor(sqrt(value)) for value >= 0. */
function integerSquareRoot(value: bigint): bigint {
  if (value < 2n) return value;
  let root = BigInt(Math.floor(Math.sqrt(Number(value))));
  while (root * root > value) root--;
  while ((root + 1n) * (root + 1n) <= value) root++;
  return root;
}
