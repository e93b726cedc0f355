import { describe, expect, it } from 'vitest';
import { ModelBuilder, seededUniform } from '../onnx/build.js';
import { ModelError } from '../onnx/graph.js';
import { readModel } from '../onnx/read.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { relu } from './elementwise.js';
import { OperatorRegistry } from './registry.js';

/** x 1x1x4x4 → one node `op` with `attributes` (and constant weights for Conv) → y. */
function oneNode(op: string, attributes: Record<string, number | number[] | string>, outputShape: number[] = [1, 1, 2, 2]): Uint8Array {
  const builder = new ModelBuilder().input('x', [1, 1, 4, 4]).constant('w', [1, 1, 3, 3], seededUniform(1, 9));
  return builder.node(op, op === 'Conv' ? ['x', 'w'] : ['x'], ['y'], attributes, 'layer').output('y', outputShape).toBytes();
}

function quantizeError(model: Uint8Array): string {
  try {
    quantizeGraph(readModel(model));
  } catch (error) {
    expect(error).toBeInstanceOf(ModelError);
    return (error as Error).message;
  }
  throw new Error('expected a ModelError');
}

describe('the operator registry', () => {
  it('lists every built-in op type (what `zkcoder op` reads) and takes extra definitions that replace built-ins', () => {
    const supported = new OperatorRegistry().supported();
    for (const op of ['Gemm', 'MatMul', 'Conv', 'MaxPool', 'AveragePool', 'GlobalAveragePool', 'Add', 'Mul', 'Relu', 'LeakyRelu', 'Clip', 'Softmax', 'LayerNormalization', 'Sigmoid', 'Tanh', 'Gelu', 'Erf', 'Flatten', 'Reshape', 'Identity', 'Transpose', 'Concat', 'Sub', 'Neg', 'Sum', 'Abs', 'Max', 'Min', 'ReduceSum', 'ReduceMean', 'Squeeze', 'Unsqueeze', 'Dropout']) {
      expect(supported).toContain(op);
    }
    const custom = { ...relu, op: 'HardSigmoid', summary: 'test stand-in' };
    const registry = new OperatorRegistry([custom]);
    expect(registry.has('HardSigmoid')).toBe(true);
    expect(registry.supported()).toHaveLength(supported.length + 1);
  });

  it('refuses unsupported attributes with the node, op and attribute named', () => {
    expect(quantizeError(oneNode('Conv', { kernel_shape: [3, 3], group: 2 }))).toMatch(/node layer \(Conv\): group 2: only group = 1/);
    expect(quantizeError(oneNode('Conv', { kernel_shape: [3, 3], auto_pad: 'SAME_UPPER' }))).toMatch(/node layer \(Conv\): auto_pad SAME_UPPER/);
    expect(quantizeError(oneNode('Conv', { kernel_shape: [2, 2] }))).toMatch(/kernel_shape 2x2 differs from the weights' 3x3/);
    expect(quantizeError(oneNode('MaxPool', { kernel_shape: [2, 2], ceil_mode: 1 }))).toMatch(/node layer \(MaxPool\): ceil_mode = 1/);
    expect(quantizeError(oneNode('MaxPool', {}))).toMatch(/kernel_shape missing/);
    expect(quantizeError(oneNode('AveragePool', { kernel_shape: [2, 2], pads: [2, 0, 0, 0] }))).toMatch(/some windows would hold only padding/);
    expect(quantizeError(oneNode('LeakyRelu', { alpha: 1.5 }, [1, 1, 4, 4]))).toMatch(/alpha 1.5: only slopes in \[0, 1\)/);
    expect(quantizeError(oneNode('Transpose', { perm: [0, 1, 1, 2] }, [1, 1, 4, 4]))).toMatch(/perm 0,1,1,2 is not a permutation/);
  });

  it('refuses bad attributes of the arithmetic and shape ops with the node named', () => {
    const model = (build: (builder: ModelBuilder) => ModelBuilder, shape = [1, 1, 4, 4]) => build(new ModelBuilder().input('x', [1, 1, 4, 4])).output('y', shape).toBytes();
    expect(quantizeError(model((b) => b.int64Constant('axes', [2]).node('Squeeze', ['x', 'axes'], ['y'], {}, 'layer')))).toMatch(/node layer \(Squeeze\): axis 2 has size 4; Squeeze drops only axes of size 1/);
    expect(quantizeError(model((b) => b.node('Unsqueeze', ['x'], ['y'], {}, 'layer')))).toMatch(/node layer \(Unsqueeze\): axes missing/);
    expect(quantizeError(model((b) => b.int64Constant('axes', [0, -7]).node('Unsqueeze', ['x', 'axes'], ['y'], {}, 'layer')))).toMatch(/axis -7 is outside \[-6, 6\)/);
    expect(quantizeError(model((b) => b.constant('r', [], [0.5]).boolConstant('t', [true]).node('Dropout', ['x', 'r', 't'], ['y'], {}, 'layer')))).toMatch(/node layer \(Dropout\): training_mode = 1/);
    expect(quantizeError(model((b) => b.node('Dropout', ['x'], ['y', 'mask'], {}, 'layer')))).toMatch(/node layer \(Dropout\): the mask output mask is not supported/);
    expect(quantizeError(model((b) => b.node('ReduceSum', ['x'], ['y'], { keepdims: 2 }, 'layer')))).toMatch(/node layer \(ReduceSum\): keepdims 2/);
    expect(quantizeError(model((b) => b.node('ReduceMean', ['x'], ['y'], { axes: [1, -3] }, 'layer')))).toMatch(/node layer \(ReduceMean\): axes 1,-3 repeat an axis/);
    expect(quantizeError(model((b) => b.constant('c', [3], [1, 2, 3]).node('Sub', ['x', 'c'], ['y'], {}, 'layer')))).toMatch(/node layer \(Sub\): input shapes 1x1x4x4, 3 do not broadcast to one shape/);
    expect(quantizeError(model((b) => b.constant('c', [], [1000]).node('Max', ['x', 'c'], ['y'], {}, 'layer')))).toMatch(/node layer \(Max\): constant c does not fit 16-bit/);
    expect(quantizeError(model((b) => b.node('Neg', ['x', 'x'], ['y'], {}, 'layer')))).toMatch(/node layer \(Neg\): 2 inputs; Neg takes 1/);
  });

  it('ReduceMean floors toward -infinity, ReduceSum is exact, Neg and Abs refuse -2^(bits-1)', () => {
    const reduce = (op: string, attributes: Record<string, number | number[]>, shape: number[]) => {
      const graph = quantizeGraph(readModel(new ModelBuilder().input('x', [2, 2]).node(op, ['x'], ['y'], attributes).output('y', shape).toBytes()), { scale: 0 });
      return interpretQuantized(graph, quantizeInputs(graph, { x: [[-1, -2], [3, 6]] })).get('y');
    };
    expect(reduce('ReduceMean', { axes: [1] }, [2, 1])).toEqual([-2n, 4n]); // floor(-3 / 2) = -2
    expect(reduce('ReduceMean', { axes: [0], keepdims: 0 }, [2])).toEqual([1n, 2n]);
    expect(reduce('ReduceMean', {}, [1, 1])).toEqual([1n]); // floor(6 / 4)
    expect(reduce('ReduceSum', { keepdims: 0 }, [])).toEqual([6n]);
    for (const op of ['Neg', 'Abs']) {
      const graph = quantizeGraph(readModel(new ModelBuilder().input('x', [1, 2]).node(op, ['x'], ['y'], {}, 'layer').output('y', [1, 2]).toBytes()), { scale: 0 });
      expect(() => interpretQuantized(graph, new Map([['x', [-32768n, 5n]]]))).toThrow(/layer layer: value 32768 at index 0 overflows 16-bit/);
    }
  });

  it('pools ignore padding for MaxPool and count it for AveragePool with count_include_pad', () => {
    const model = (op: string, extra: Record<string, number | number[]>) =>
      new ModelBuilder().input('x', [1, 1, 2, 2]).node(op, ['x'], ['y'], { kernel_shape: [2, 2], pads: [1, 1, 0, 0], ...extra }).output('y', [1, 1, 2, 2]).toBytes();
    const run = (bytes: Uint8Array) => {
      const graph = quantizeGraph(readModel(bytes), { scale: 0 });
      return interpretQuantized(graph, quantizeInputs(graph, { x: [[[[-4, -8], [-12, -16]]]] })).get('y');
    };
    // top-left window holds only x[0][0] = -4 and padding: the max is -4, not 0
    expect(run(model('MaxPool', {}))).toEqual([-4n, -4n, -4n, -4n]);
    // with the padding counted as zeros: floor(-4 / 4) = -1, floor(-12 / 4) = -3, ...
    expect(run(model('AveragePool', { count_include_pad: 1 }))).toEqual([-1n, -3n, -4n, -10n]);
    expect(run(model('AveragePool', {}))).toEqual([-4n, -6n, -8n, -10n]);
  });
});
