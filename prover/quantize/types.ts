import type { Shape } from '../onnx/graph.js';

/**
 * The quantized graph: every activation is a signed fixed-point integer in SInt(bits) with `scale`
 * fractional bits (value = integer / 2^scale). Layers carry their integer constants; their
 * semantics are exactly what the circuits prove, and `interpretQuantized` is the plain-TypeScript
 * oracle for them.
 */
export interface QuantizedGraph {
  /** Signed width of every activation. */
  bits: number;
  /** Fractional bits of the weights (and of the inputs). */
  scale: number;
  inputs: QuantizedTensor[];
  outputs: QuantizedTensor[];
  layers: QuantizedLayer[];
}

export interface QuantizedTensor {
  name: string;
  shape: Shape;
  /** Fractional bits of this tensor's integers. */
  scale: number;
}

/** One proved step. `inputs` name activations (graph inputs or earlier layers' outputs). */
export interface QuantizedLayer {
  /** The ONNX node it comes from. */
  node: string;
  op: string;
  inputs: string[];
  output: QuantizedTensor;
  params: LayerParams;
  /** Knowledge-base entries whose circuits this layer instantiates. */
  kb: string[];
}

export type LayerParams = LinearParams | AddParams | ReluParams | SoftmaxParams | ReshapeParams | ElementwiseParams;

/**
 * out[r][c] = floor((sum_i x[r][i] * weights[c][i] + bias[r][c]) / 2^shift), weights at the graph
 * scale, bias at input scale + shift, output at the input scale and range-checked to SInt(bits).
 */
export interface LinearParams {
  kind: 'linear';
  rows: number;
  inner: number;
  cols: number;
  /** cols * inner, row c holds output c's weights. */
  weights: bigint[];
  /** rows * cols. */
  bias: bigint[];
  shift: number;
}

/** out = a + b, where b is another activation of the same scale or a constant broadcast to out; range-checked. */
export interface AddParams {
  kind: 'add';
  /** Present when the second operand is a constant (already at the output scale, broadcast to size). */
  constant?: bigint[];
}

export interface ReluParams {
  kind: 'relu';
}

/**
 * Softmax over the last axis: x is first floored to 1 fractional bit (divide by 2^shift), then the
 * knowledge-base softmax: e = exp table on max - x, out = floor(e * 256 / sum e), 8 fractional bits.
 */
export interface SoftmaxParams {
  kind: 'softmax';
  rows: number;
  length: number;
  shift: number;
}

/** Flatten / Reshape / Identity: the row-major integers are unchanged. */
export interface ReshapeParams {
  kind: 'reshape';
}

/**
 * An operator registered by `zkcoder op` (a user knowledge-base entry): one verified circuit per
 * element, `y = evaluate(x)`, output range-checked to SInt(bits). `evaluate` is its integer semantics.
 */
export interface ElementwiseParams {
  kind: 'elementwise';
  /** Circom template (no parameters) with one input and one output signal. */
  circom: { template: string; input: string; output: string };
  /** Noir function of the entry's module: `fn(x: Field) -> Field`. */
  noirFunction: string;
  /** The entry whose sources hold them. */
  entry: string;
  evaluate: (x: bigint) => bigint;
}

/** A tensor's integers in row-major order. */
export type IntegerTensors = Map<string, bigint[]>;
