import { ModelBuilder, seededUniform } from '../onnx/build.js';

/** A small MLP: Gemm → Relu → Gemm (→ Softmax), with fixed pseudo-random weights. */
export function mlpModel(options: { sizes?: number[]; softmax?: boolean; seed?: number } = {}): Uint8Array {
  const sizes = options.sizes ?? [4, 6, 3];
  const seed = options.seed ?? 7;
  const builder = new ModelBuilder().input('x', [1, sizes[0]]);
  let current = 'x';
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const [inner, outer] = [sizes[layer], sizes[layer + 1]];
    const range = 1 / Math.sqrt(inner);
    builder.constant(`w${layer}`, [outer, inner], seededUniform(seed + layer * 2, outer * inner, range));
    builder.constant(`b${layer}`, [outer], seededUniform(seed + layer * 2 + 1, outer, 0.1));
    const last = layer + 2 === sizes.length;
    const gemmOut = last && !options.softmax ? 'y' : `h${layer}`;
    builder.node('Gemm', [current, `w${layer}`, `b${layer}`], [gemmOut], { transB: 1 }, `dense${layer}`);
    current = gemmOut;
    if (!last) {
      builder.node('Relu', [current], [`a${layer}`], {}, `relu${layer}`);
      current = `a${layer}`;
    }
  }
  if (options.softmax) builder.node('Softmax', [current], ['y'], { axis: -1 }, 'softmax');
  return builder.output('y', [1, sizes[sizes.length - 1]]).toBytes();
}

/** A row of `length` pseudo-random inputs in [-1, 1). */
export function sampleInput(length: number, seed: number): number[][] {
  return [Array.from(seededUniform(seed, length))];
}

/**
 * A small CNN: 1x1x`size`x`size` (8 by default) → Conv 3x3 (2 channels) → Relu → MaxPool 2x2 →
 * Flatten → Gemm (3 outputs). `size` is even and at least 4.
 */
export function cnnModel(seed = 5, size = 8): Uint8Array {
  const pooled = 2 * ((size - 2) / 2) ** 2;
  return new ModelBuilder()
    .input('x', [1, 1, size, size])
    .constant('w', [2, 1, 3, 3], seededUniform(seed, 18, 0.5))
    .constant('b', [2], [0.1, -0.05])
    .constant('dense', [3, pooled], seededUniform(seed + 1, 3 * pooled, 0.3))
    .constant('dense_b', [3], [0.02, 0, -0.03])
    .node('Conv', ['x', 'w', 'b'], ['c'], { kernel_shape: [3, 3] }, 'conv')
    .node('Relu', ['c'], ['r'], {}, 'relu')
    .node('MaxPool', ['r'], ['p'], { kernel_shape: [2, 2], strides: [2, 2] }, 'pool')
    .node('Flatten', ['p'], ['f'], {}, 'flatten')
    .node('Gemm', ['f', 'dense', 'dense_b'], ['y'], { transB: 1 }, 'dense')
    .output('y', [1, 3])
    .toBytes();
}

/**
 * Every CNN-style op with its attributes exercised: Conv (stride 2, pads, and one with dilation 2),
 * LeakyRelu, Mul (broadcast constant and two activations), Clip, MaxPool and AveragePool with
 * padding (count_include_pad 1), GlobalAveragePool, Concat, Transpose, Flatten.
 */
export function cnnOpsModel(seed = 9): Uint8Array {
  return new ModelBuilder()
    .input('x', [1, 2, 5, 5])
    .constant('w', [3, 2, 3, 3], seededUniform(seed, 54, 0.4))
    .constant('b', [3], [0.1, -0.2, 0.05])
    .constant('wd', [3, 2, 2, 2], seededUniform(seed + 1, 24, 0.4))
    .constant('scale', [1, 3, 1, 1], [1.5, -0.75, 0.5])
    .constant('lo', [], [-0.5])
    .constant('hi', [], [0.75])
    .node('Conv', ['x', 'w', 'b'], ['c'], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] }, 'conv')
    .node('LeakyRelu', ['c'], ['l'], { alpha: 0.1 }, 'leaky')
    .node('Mul', ['l', 'scale'], ['m'], {}, 'scale')
    .node('Clip', ['m', 'lo', 'hi'], ['k'], {}, 'clip')
    .node('MaxPool', ['k'], ['mp'], { kernel_shape: [2, 2], pads: [0, 0, 1, 1] }, 'maxpool')
    .node('AveragePool', ['k'], ['ap'], { kernel_shape: [2, 2], pads: [1, 1, 0, 0], count_include_pad: 1 }, 'avgpool')
    .node('Concat', ['mp', 'ap'], ['cat'], { axis: 1 }, 'concat')
    .node('Transpose', ['cat'], ['t'], { perm: [0, 2, 3, 1] }, 'transpose')
    .node('Mul', ['t', 't'], ['sq'], {}, 'square')
    .node('Conv', ['x', 'wd'], ['cd'], { kernel_shape: [2, 2], dilations: [2, 2] }, 'dilated')
    .node('GlobalAveragePool', ['cd'], ['g'], {}, 'global')
    .node('Flatten', ['sq'], ['fs'], {}, 'flat_sq')
    .node('Flatten', ['g'], ['fg'], {}, 'flat_g')
    .node('Concat', ['fs', 'fg'], ['y'], { axis: 1 }, 'join')
    .output('y', [1, 57])
    .toBytes();
}

/**
 * A tiny attention block over `tokens` tokens (4 by default) of width `width` (8 by default): Q, K, V projections (MatMul with constants),
 * scores Q K^T (MatMul of two activations, Transpose), scaled (Mul), Softmax, weighted values
 * (MatMul of two activations), residual Add, LayerNormalization, then Gelu, Sigmoid and Tanh
 * joined by Concat. Opset 20 (Gelu).
 */
export function attentionModel(seed = 31, tokens = 4, width = 8): Uint8Array {
  const builder = new ModelBuilder().opset(20).input('x', [tokens, width]);
  ['q', 'k', 'v'].forEach((name, index) => builder.constant(`w${name}`, [width, width], seededUniform(seed + index, width * width, 0.5)));
  return builder
    .constant('inv_sqrt_d', [], [1 / Math.sqrt(width)])
    .constant('gamma', [width], seededUniform(seed + 3, width, 0.5).map((v) => 1 + v))
    .constant('beta', [width], seededUniform(seed + 4, width, 0.2))
    .node('MatMul', ['x', 'wq'], ['q'], {}, 'query')
    .node('MatMul', ['x', 'wk'], ['k'], {}, 'key')
    .node('MatMul', ['x', 'wv'], ['v'], {}, 'value')
    .node('Transpose', ['k'], ['kt'], { perm: [1, 0] }, 'key_t')
    .node('MatMul', ['q', 'kt'], ['s'], {}, 'scores')
    .node('Mul', ['s', 'inv_sqrt_d'], ['ss'], {}, 'scale')
    .node('Softmax', ['ss'], ['p'], { axis: -1 }, 'softmax')
    .node('MatMul', ['p', 'v'], ['o'], {}, 'attend')
    .node('Add', ['o', 'x'], ['h'], {}, 'residual')
    .node('LayerNormalization', ['h', 'gamma', 'beta'], ['n'], { axis: -1, epsilon: 1e-5 }, 'norm')
    .node('Gelu', ['n'], ['g'], {}, 'gelu')
    .node('Sigmoid', ['n'], ['sg'], {}, 'sigmoid')
    .node('Tanh', ['n'], ['th'], {}, 'tanh')
    .node('Concat', ['g', 'sg', 'th'], ['y'], { axis: 1 }, 'join')
    .output('y', [tokens, 3 * width])
    .toBytes();
}

/**
 * The arithmetic and shape ops over a 2x3 input: Unsqueeze, Dropout (inference), Squeeze, Neg, Sub
 * (activation - constant, constant - activation, two activations), Sum (three activations, a
 * constant and a broadcast 2x1 row sum), Abs, Max (two activations; one broadcast), Min (two
 * activations and a constant), ReduceSum (axes input, keepdims 1 and 0), ReduceMean (axes attribute, keepdims 1), joined by Unsqueeze and Concat into 1x5.
 */
export function arithmeticOpsModel(): Uint8Array {
  return new ModelBuilder()
    .input('x', [2, 3])
    .int64Constant('axis0', [0])
    .int64Constant('axis1', [1])
    .constant('ratio', [], [0.5])
    .constant('c', [3], [0.25, -0.5, 0.125])
    .constant('c2', [1], [0.375])
    .constant('c3', [2, 1], [-0.25, 0.5])
    .constant('c4', [], [0.3])
    .node('Unsqueeze', ['x', 'axis0'], ['u'], {}, 'unsqueeze')
    .node('Dropout', ['u', 'ratio'], ['d'], {}, 'dropout')
    .node('Squeeze', ['d', 'axis0'], ['s'], {}, 'squeeze')
    .node('Neg', ['s'], ['n'], {}, 'neg')
    .node('Sub', ['s', 'c'], ['a'], {}, 'sub_constant')
    .node('Sub', ['c2', 'n'], ['b'], {}, 'constant_sub')
    .node('Sub', ['a', 'b'], ['e'], {}, 'sub')
    .node('ReduceSum', ['s', 'axis1'], ['row'], {}, 'row_sum')
    .node('Sum', ['a', 'b', 'n', 'c3', 'row'], ['f'], {}, 'sum')
    .node('Abs', ['e'], ['g'], {}, 'abs')
    .node('Max', ['g', 'row'], ['gr'], {}, 'max_row')
    .node('Max', ['gr', 'f'], ['h'], {}, 'max')
    .node('Min', ['f', 'n', 'c4'], ['m'], {}, 'min')
    .node('ReduceSum', ['h', 'axis1'], ['rs'], { keepdims: 0 }, 'reduce_sum')
    .node('ReduceMean', ['m'], ['rm'], { axes: [0], keepdims: 1 }, 'reduce_mean')
    .node('Unsqueeze', ['rs', 'axis0'], ['rs2'], {}, 'unsqueeze_sum')
    .node('Concat', ['rs2', 'rm'], ['y'], { axis: 1 }, 'join')
    .output('y', [1, 5])
    .toBytes();
}
