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
  /**
   * Set when the ONNX tensor is int8 / uint8 (QuantizeLinear, QLinearMatMul, QLinearConv outputs):
   * the integers here are the stored values minus `zeroPoint`, so value = integer / 2^scale still holds.
   */
  integer?: QuantizedInteger;
}

export interface QuantizedInteger {
  type: 'int8' | 'uint8';
  zeroPoint: number;
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

export type LayerParams =
  | LinearParams
  | AddParams
  | ReluParams
  | SoftmaxParams
  | ReshapeParams
  | ConvParams
  | PoolParams
  | MulParams
  | LeakyReluParams
  | ClipParams
  | GatherParams
  | MatMulParams
  | LayerNormParams
  | LookupParams
  | ElementwiseParams
  | SumParams
  | AbsParams
  | ExtremumParams
  | ReduceParams;

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
 * 2-D convolution (group 1) over NCHW: each output is floor((bias[oc] + sum x * w) / 2^shift), the
 * weights constants at the graph scale, as a linear layer's; `convTerms` lists each output's terms.
 */
export interface ConvParams {
  kind: 'conv';
  geometry: WindowGeometry;
  outChannels: number;
  /** outChannels x inChannels x kernel[0] x kernel[1], row-major. */
  weights: bigint[];
  /** One per output channel, at input scale + shift. */
  bias: bigint[];
  shift: number;
}

/** Where 2-D windows fall: NCHW input, kernel, strides, pads [top, left, bottom, right], dilations. */
export interface WindowGeometry {
  batch: number;
  channels: number;
  height: number;
  width: number;
  kernel: [number, number];
  strides: [number, number];
  pads: [number, number, number, number];
  dilations: [number, number];
  outHeight: number;
  outWidth: number;
}

/**
 * MaxPool / AveragePool / GlobalAveragePool per channel: max of the window's elements, or
 * floor(sum / count) (floor toward -infinity). Padded positions are left out of a window
 * (MaxPool's -infinity padding; AveragePool's count_include_pad = 0) or count as zeros
 * (count_include_pad = 1).
 */
export interface PoolParams {
  kind: 'max-pool' | 'average-pool';
  geometry: WindowGeometry;
  countIncludePad: boolean;
}

/**
 * out = floor(a * b / 2^shift), range-checked to SInt(bits): b another activation of the same
 * shape (shift = its scale) or a constant at the graph scale broadcast to out (shift = graph scale).
 */
export interface MulParams {
  kind: 'mul';
  constant?: bigint[];
  shift: number;
}

/** out = x for x >= 0, else floor(slope * x / 2^frac), slope = round(alpha * 2^frac) in [0, 2^frac). */
export interface LeakyReluParams {
  kind: 'leaky-relu';
  slope: bigint;
  frac: number;
}

/** out = min(max(x, lo), hi), bounds at the input's scale. */
export interface ClipParams {
  kind: 'clip';
  lo: bigint;
  hi: bigint;
}

/** Transpose / Concat: output element k is element `sources[k][1]` of input `sources[k][0]`; no arithmetic. */
export interface GatherParams {
  kind: 'gather';
  sources: [number, number][];
}

/**
 * MatMul of two activations, batched over A's leading axes (B 2-D or with the same leading axes):
 * out = floor(sum_i a[r][i] * b[i][c] / 2^shift), shift = B's scale, out at A's scale.
 */
export interface MatMulParams {
  kind: 'matmul';
  batch: number;
  rows: number;
  inner: number;
  cols: number;
  /** B is one 2-D matrix shared by every batch. */
  sharedB: boolean;
  shift: number;
}

/**
 * LayerNormalization over the last axis: the knowledge-base layernorm (exact integer (x - mean) /
 * sqrt(var + eps) at `frac` = the input's fractional bits, eps `epsilon` units of its variance sum
 * D = n^3 2^(2 frac) var), then
 * floor((y * gamma + beta) / 2^shift) with gamma at the graph scale (shift) and beta at frac + shift.
 */
export interface LayerNormParams {
  kind: 'layer-norm';
  rows: number;
  length: number;
  frac: number;
  /** round(epsilon n^3 2^(2 frac)), at least 1 (so a constant row is well defined). */
  epsilon: bigint;
  gamma: bigint[];
  beta: bigint[];
  shift: number;
}

/**
 * A knowledge-base lookup table on 2 fractional bits: v = clip(floor(x / 2^shift), -16, 15), then
 * sigmoid: SIGMOID[v + 16]; gelu: GELU[v + 16]; tanh (x read at 3 fractional bits, so v is 2x):
 * 2 SIGMOID[v + 16] - 256. Outputs at 8 fractional bits.
 */
export interface LookupParams {
  kind: 'lookup';
  table: 'sigmoid' | 'gelu' | 'tanh';
  shift: number;
  /**
   * Erf: v = clip(floor(x * multiplier / 2^shift), -16, 15) (the dense rescale, then clip), with
   * erf(z) ~ 2 sigmoid(1.702 sqrt(2) z) - 1 read from the sigmoid table (`table` is 'tanh').
   */
  multiplier?: bigint;
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

/**
 * Sub / Neg / Sum: out = constant + sum_k signs[k] * input_k (signs are 1 or -1), elementwise over
 * activations of one scale broadcast to the output (numpy rules), range-checked to SInt(bits) (so Neg(-2^(bits-1)) is refused).
 */
export interface SumParams {
  kind: 'sum';
  signs: bigint[];
  /** Per input, the element each output reads when that input is broadcast (null: the same index). */
  sources?: (number[] | null)[];
  /** At the output scale, broadcast to the output's size. */
  constant?: bigint[];
}

/** Abs: out = |x| (the knowledge-base abs-signed), range-checked (|-2^(bits-1)| overflows and is refused). */
export interface AbsParams {
  kind: 'abs';
}

/**
 * Max / Min: out = max (or min) of the activations (one scale, broadcast) and the constants
 * (broadcast to the output, at its scale), elementwise, through the knowledge-base max / min.
 */
export interface ExtremumParams {
  kind: 'extremum';
  which: 'max' | 'min';
  constants: bigint[][];
  /** Per input, the element each output reads when that input is broadcast (null: the same index). */
  sources?: (number[] | null)[];
}

/**
 * ReduceSum / ReduceMean: output k reduces the input elements `groups[k]`: their exact sum
 * (range-checked), or for the mean floor(sum / count) toward -infinity (the knowledge-base average pool).
 */
export interface ReduceParams {
  kind: 'reduce';
  mean: boolean;
  groups: number[][];
}

/** A tensor's integers in row-major order. */
export type IntegerTensors = Map<string, bigint[]>;
