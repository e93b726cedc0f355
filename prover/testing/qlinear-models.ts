import { ModelBuilder, seededUniform } from '../onnx/build.js';

/** Pseudo-random integers in [lo, hi] from a seed. */
function seededIntegers(seed: number, count: number, lo: number, hi: number): number[] {
  return Array.from(seededUniform(seed, count), (v) => Math.min(hi, Math.floor(lo + ((v + 1) / 2) * (hi - lo + 1))));
}

/**
 * A model that carries its quantization: x → QuantizeLinear (int8, 2^-5) → QLinearMatMul (int8
 * weights at 2^-6, output int8 at 2^-4 with zero point 3) → DequantizeLinear → Relu → MatMul whose
 * weights are int8 with per-column scales behind a DequantizeLinear (QDQ form, folded) → y.
 */
export function qlinearMatMulModel(seed = 21): Uint8Array {
  return new ModelBuilder()
    .input('x', [2, 8])
    .constant('x_scale', [], [2 ** -5])
    .integerConstant('x_zero', [], [0], 'int8')
    .integerConstant('w', [8, 6], seededIntegers(seed, 48, -127, 127), 'int8')
    .constant('w_scale', [], [2 ** -6])
    .integerConstant('w_zero', [], [0], 'int8')
    .constant('y_scale', [], [2 ** -4])
    .integerConstant('y_zero', [], [3], 'int8')
    .integerConstant('w2', [6, 4], seededIntegers(seed + 1, 24, -127, 127), 'int8')
    .constant('w2_scale', [4], [0.01, 0.02, 0.015, 0.03])
    .integerConstant('w2_zero', [4], [0, 0, 0, 0], 'int8')
    .node('QuantizeLinear', ['x', 'x_scale', 'x_zero'], ['xq'], {}, 'quantize')
    .node('QLinearMatMul', ['xq', 'x_scale', 'x_zero', 'w', 'w_scale', 'w_zero', 'y_scale', 'y_zero'], ['hq'], {}, 'qmatmul')
    .node('DequantizeLinear', ['hq', 'y_scale', 'y_zero'], ['h'], {}, 'dequantize')
    .node('Relu', ['h'], ['r'], {}, 'relu')
    .node('DequantizeLinear', ['w2', 'w2_scale', 'w2_zero'], ['w2f'], { axis: 1 }, 'dequantize_weights')
    .node('MatMul', ['r', 'w2f'], ['y'], {}, 'matmul')
    .output('y', [2, 4])
    .toBytes();
}

/**
 * x → QuantizeLinear (uint8, 2^-6, zero point 128) → QLinearConv (int8 weights, per-channel scales
 * 2^-6 and 2^-7, int32 bias, pads 1, output uint8 at 2^-4 with zero point 120) → DequantizeLinear → y.
 */
export function qlinearConvModel(seed = 31): Uint8Array {
  return new ModelBuilder()
    .input('x', [1, 1, 6, 6])
    .constant('x_scale', [], [2 ** -6])
    .integerConstant('x_zero', [], [128], 'uint8')
    .integerConstant('w', [2, 1, 3, 3], seededIntegers(seed, 18, -127, 127), 'int8')
    .constant('w_scale', [2], [2 ** -6, 2 ** -7])
    .integerConstant('w_zero', [2], [0, 0], 'int8')
    .constant('y_scale', [], [2 ** -4])
    .integerConstant('y_zero', [], [120], 'uint8')
    .integerConstant('b', [2], [300, -900], 'int32')
    .node('QuantizeLinear', ['x', 'x_scale', 'x_zero'], ['xq'], {}, 'quantize')
    .node('QLinearConv', ['xq', 'x_scale', 'x_zero', 'w', 'w_scale', 'w_zero', 'y_scale', 'y_zero', 'b'], ['yq'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1] }, 'qconv')
    .node('DequantizeLinear', ['yq', 'y_scale', 'y_zero'], ['y'], {}, 'dequantize')
    .output('y', [1, 2, 6, 6])
    .toBytes();
}
