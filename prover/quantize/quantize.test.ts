import { describe, expect, it } from 'vitest';
import { ModelBuilder } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { UnsupportedOperatorError } from '../registry/operator.js';
import { OperatorRegistry } from '../registry/registry.js';
import { mlpModel, sampleInput } from '../testing/models.js';
import { calibrateScale } from './calibrate.js';
import { floorShift } from './fixed-point.js';
import { OverflowError, interpretQuantized } from './interpret.js';
import { quantizeGraph, quantizeInputs } from './quantize.js';

describe('reading and quantizing ONNX', () => {
  it('reads the graph a model builder wrote: inputs, constants, nodes with attributes', () => {
    const graph = readModel(mlpModel({ sizes: [4, 6, 3], softmax: true }));
    expect(graph.inputs).toEqual([{ name: 'x', shape: [1, 4] }]);
    expect(graph.nodes.map((node) => node.op)).toEqual(['Gemm', 'Relu', 'Gemm', 'Softmax']);
    expect(graph.nodes[0].attributes).toEqual({ transB: 1 });
    expect(graph.constants.get('w0')?.shape).toEqual([6, 4]);
  });

  it('quantizes weights once and infers every shape; the interpreter floors like the circuits', () => {
    const model = new ModelBuilder()
      .input('x', [1, 2])
      .constant('w', [2, 2], [0.5, -0.25, 1, 0.75])
      .constant('b', [2], [0.125, -1])
      .node('MatMul', ['x', 'w'], ['h'])
      .node('Add', ['h', 'b'], ['y'])
      .output('y', [1, 2])
      .toBytes();
    const graph = quantizeGraph(readModel(model), { scale: 4 });
    expect(graph.layers.map((layer) => [layer.op, layer.output.shape])).toEqual([['MatMul', [1, 2]], ['Add', [1, 2]]]);
    // x = [0.5, -0.3125]: h0 = 0.5*0.5 + -0.3125*1 = -0.0625, h1 = 0.5*-0.25 + -0.3125*0.75 = -0.359375.
    const values = interpretQuantized(graph, quantizeInputs(graph, { x: [[0.5, -0.3125]] }));
    // At scale 2^4: h = floor(acc / 16) with acc = -16 and -92 → -1 and -6 (floor, not truncation).
    expect(values.get('h')).toEqual([-1n, -6n]);
    expect(values.get('y')).toEqual([-1n + 2n, -6n - 16n]);
    expect(floorShift(-17n, 4)).toBe(-2n);
  });

  it('refuses an unsupported operator with the node, the op and the way to add it', () => {
    const model = new ModelBuilder().input('x', [1, 3]).node('HardSigmoid', ['x'], ['y'], { alpha: 0.2 }, 'gate').output('y', [1, 3]).toBytes();
    const quantize = () => quantizeGraph(readModel(model));
    expect(quantize).toThrow(UnsupportedOperatorError);
    expect(quantize).toThrow(/node gate: operator HardSigmoid is not supported.*zkcoder op HardSigmoid/);
  });

  it('takes operators registered later through the registry hook', () => {
    const model = new ModelBuilder().input('x', [1, 3]).node('Celu', ['x'], ['y']).output('y', [1, 3]).toBytes();
    const registry = new OperatorRegistry([{ op: 'Celu', kb: ['relu'], summary: 'test stand-in', quantize: (node, context) => ({ inputs: [node.inputs[0]], shape: context.activation(node.inputs[0])!.shape, scale: context.scale, params: { kind: 'relu' } }) }]);
    expect(quantizeGraph(readModel(model), { registry }).layers[0].op).toBe('Celu');
  });

  it('refuses inputs that do not fit, naming the input and index, and overflowing activations', () => {
    const graph = quantizeGraph(readModel(mlpModel({ sizes: [2, 2] })), { scale: 8 });
    expect(() => quantizeInputs(graph, { x: [[1, 200]] })).toThrow(/input x\[1\] = 200 does not fit 16-bit/);
    expect(() => quantizeInputs(graph, { x: [[1]] })).toThrow(/must be an array of 2/);
    expect(() => quantizeInputs(graph, { y: [[1, 2]] })).toThrow(/names y, which is not a graph input/);
    const big = new ModelBuilder().input('x', [1, 1]).constant('w', [1, 1], [100]).node('MatMul', ['x', 'w'], ['y']).output('y', [1, 1]).toBytes();
    const bigGraph = quantizeGraph(readModel(big), { scale: 8 });
    expect(() => interpretQuantized(bigGraph, quantizeInputs(bigGraph, { x: [[2]] }))).toThrow(OverflowError);
  });

  it('calibrates to the largest scale under which every sample fits', () => {
    const model = new ModelBuilder().input('x', [1, 1]).constant('w', [1, 1], [4]).node('MatMul', ['x', 'w'], ['y']).output('y', [1, 1]).toBytes();
    // y = 4x with x up to 30: 120 needs 7 integer bits + sign, so 16 - 8 = 8 fractional bits.
    expect(calibrateScale(readModel(model), [{ x: [[30]] }, { x: [[-1]] }])).toBe(8);
    // y = 2 needs 2 integer bits + sign: 13 fractional bits.
    expect(calibrateScale(readModel(model), [{ x: [[0.5]] }])).toBe(13);
    expect(calibrateScale(readModel(mlpModel()), [{ x: sampleInput(4, 3) }])).toBeGreaterThanOrEqual(8);
  });
});
