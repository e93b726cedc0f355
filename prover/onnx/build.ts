import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import type { Shape } from './graph.js';

const { onnx } = onnxProto;

/**
 * A small builder for ONNX models in TypeScript, so tests and benchmarks make their models without
 * downloads. Produces the same protobuf bytes an exporter would (opset 17 by default, float32 tensors).
 *
 * @example
 * const model = new ModelBuilder().input('x', [1, 4]).gemm('x', 'y', w, b).output('y', [1, 2]).toBytes();
 */
export class ModelBuilder {
  private readonly inputs: Onnx.IValueInfoProto[] = [];
  private readonly outputs: Onnx.IValueInfoProto[] = [];
  private readonly initializers: Onnx.ITensorProto[] = [];
  private readonly nodes: Onnx.INodeProto[] = [];
  private opsetVersion = 17;

  /** The default-domain opset (17 unless set; Gelu needs 20). */
  opset(version: number): this {
    this.opsetVersion = version;
    return this;
  }

  input(name: string, shape: Shape): this {
    this.inputs.push(valueInfo(name, shape));
    return this;
  }

  output(name: string, shape: Shape): this {
    this.outputs.push(valueInfo(name, shape));
    return this;
  }

  /** A float32 initializer with `values` in row-major order. */
  constant(name: string, shape: Shape, values: ArrayLike<number>): this {
    this.initializers.push(floatTensor(name, shape, values));
    return this;
  }

  /** An int64 initializer (shapes for Reshape, axes). */
  int64Constant(name: string, values: number[]): this {
    this.initializers.push({ name, dims: [values.length], dataType: 7, int64Data: values });
    return this;
  }

  /** An int8 / uint8 / int32 initializer (quantized weights, zero points, QLinearConv's bias), values row-major. */
  integerConstant(name: string, shape: Shape, values: ArrayLike<number>, type: 'int8' | 'uint8' | 'int32'): this {
    const expected = shape.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new RangeError(`constant ${name}: ${values.length} values for shape ${shape.join('x') || 'scalar'}`);
    const [dataType, lo, hi] = type === 'int8' ? [3, -128, 127] : type === 'uint8' ? [2, 0, 255] : [6, -(2 ** 31), 2 ** 31 - 1];
    const data = Array.from(values);
    if (data.some((v) => !Number.isInteger(v) || v < lo || v > hi)) throw new RangeError(`constant ${name}: values must be ${type} integers`);
    this.initializers.push({ name, dims: shape, dataType, int32Data: data });
    return this;
  }

  /** A bool initializer (Dropout's training_mode). */
  boolConstant(name: string, values: boolean[]): this {
    this.initializers.push({ name, dims: values.length === 1 ? [] : [values.length], dataType: 9, int32Data: values.map(Number) });
    return this;
  }

  node(op: string, inputs: string[], outputs: string[], attributes: Record<string, number | number[] | string> = {}, name?: string): this {
    this.nodes.push({
      name: name ?? `${op}_${this.nodes.length}`,
      opType: op,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([key, value]) => attribute(key, value)),
    });
    return this;
  }

  toBytes(): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'zkcoder',
      opsetImport: [{ domain: '', version: this.opsetVersion }],
      graph: { name: 'model', node: this.nodes, input: this.inputs, output: this.outputs, initializer: this.initializers },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, shape: Shape): Onnx.IValueInfoProto {
  return { name, type: { tensorType: { elemType: 1, shape: { dim: shape.map((dimValue) => ({ dimValue })) } } } };
}

function floatTensor(name: string, shape: Shape, values: ArrayLike<number>): Onnx.ITensorProto {
  const expected = shape.reduce((a, b) => a * b, 1);
  if (values.length !== expected) throw new RangeError(`constant ${name}: ${values.length} values for shape ${shape.join('x')}`);
  return { name, dims: shape, dataType: 1, floatData: Array.from(values) };
}

function attribute(name: string, value: number | number[] | string): Onnx.IAttributeProto {
  const Type = onnx.AttributeProto.AttributeType;
  if (typeof value === 'string') return { name, type: Type.STRING, s: new TextEncoder().encode(value) };
  if (Array.isArray(value)) return { name, type: Type.INTS, ints: value };
  return Number.isInteger(value) ? { name, type: Type.INT, i: value } : { name, type: Type.FLOAT, f: value };
}

/** Uniform pseudo-random numbers in [-range, range) from a seed (mulberry32): fixed test weights. */
export function seededUniform(seed: number, count: number, range = 1): Float64Array {
  let state = seed >>> 0;
  const values = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    values[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * range;
  }
  return values;
}
