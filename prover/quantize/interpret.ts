import { floorDivide, floorShift, fitsSigned } from './fixed-point.js';
import type { IntegerTensors, QuantizedGraph, QuantizedLayer } from './types.js';

/** The exp table of the knowledge-base softmax: round(exp(-t / 2) * 2^12) for t = 0..15. */
export const SOFTMAX_EXP_TABLE = [4096n, 2484n, 1507n, 914n, 554n, 336n, 204n, 124n, 75n, 46n, 28n, 17n, 10n, 6n, 4n, 2n];

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
    case 'elementwise':
      return checked(x.map(params.evaluate));
    default:
      return params satisfies never;
  }
}
