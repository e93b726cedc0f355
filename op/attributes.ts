/**
 * The attributes `zkcoder op` knows per ONNX operator (names, types, defaults as the ONNX operator
 * docs give them), and the parsing of `--attr name=value`. An attribute the op does not have, or a
 * value of the wrong type or outside its domain, is an OpInputError (the CLI exits 2).
 */

export type AttributeType = 'float' | 'int' | 'ints' | 'string';
export type AttributeValue = number | number[] | string;

export interface AttributeSpec {
  type: AttributeType;
  default?: AttributeValue;
  /** The op has no meaning without it (ONNX gives no default). */
  required?: boolean;
  /** Why a value is refused, or undefined when it is fine. */
  check?: (value: AttributeValue) => string | undefined;
}

export interface OperatorShapeSpec {
  /** Number of activation inputs (the rest of the node's inputs are constants op samples). */
  inputs: 1 | 2;
  /** The op maps each element on its own (a generated circuit is one element in, one out). */
  elementwise: boolean;
  attributes: Record<string, AttributeSpec>;
  /** Constant inputs after the activations, built from the shapes (weights, bias). */
  constants?: 'gemm' | 'matmul' | 'conv' | 'layernorm';
}

/** A problem with what the user asked for: the CLI prints it as one line and exits 2. */
export class OpInputError extends Error {
  override name = 'OpInputError';
}

const finite = (value: AttributeValue) => (typeof value === 'number' && Number.isFinite(value) ? undefined : 'must be a finite number');
const positive = (value: AttributeValue) => finite(value) ?? ((value as number) > 0 ? undefined : 'must be > 0');
const flag = (value: AttributeValue) => (value === 0 || value === 1 ? undefined : 'must be 0 or 1');

const unary = (attributes: Record<string, AttributeSpec> = {}): OperatorShapeSpec => ({ inputs: 1, elementwise: true, attributes });
const binary: OperatorShapeSpec = { inputs: 2, elementwise: false, attributes: {} };

export const OPERATOR_SPECS: Record<string, OperatorShapeSpec> = {
  Relu: unary(),
  LeakyRelu: unary({ alpha: { type: 'float', default: 0.01, check: finite } }),
  HardSigmoid: unary({ alpha: { type: 'float', default: 0.2, check: positive }, beta: { type: 'float', default: 0.5, check: finite } }),
  HardSwish: unary(),
  Erf: unary(),
  Sigmoid: unary(),
  Tanh: unary(),
  Softplus: unary(),
  Softsign: unary(),
  Abs: unary(),
  Neg: unary(),
  Sign: unary(),
  Floor: unary(),
  Ceil: unary(),
  Round: unary(),
  Exp: unary(),
  Elu: unary({ alpha: { type: 'float', default: 1.0, check: finite } }),
  Celu: unary({ alpha: { type: 'float', default: 1.0, check: positive } }),
  Selu: unary({ alpha: { type: 'float', default: 1.67326319217681884765625, check: finite }, gamma: { type: 'float', default: 1.05070102214813232421875, check: finite } }),
  ThresholdedRelu: unary({ alpha: { type: 'float', default: 1.0, check: finite } }),
  Mish: unary(),
  Identity: unary(),
  Softmax: { inputs: 1, elementwise: false, attributes: { axis: { type: 'int', default: -1 } } },
  Flatten: { inputs: 1, elementwise: false, attributes: { axis: { type: 'int', default: 1 } } },
  Add: binary,
  Sub: binary,
  Mul: binary,
  Gemm: {
    inputs: 1,
    elementwise: false,
    constants: 'gemm',
    attributes: {
      alpha: { type: 'float', default: 1.0, check: finite },
      beta: { type: 'float', default: 1.0, check: finite },
      transA: { type: 'int', default: 0, check: flag },
      transB: { type: 'int', default: 0, check: flag },
    },
  },
  MatMul: { inputs: 1, elementwise: false, constants: 'matmul', attributes: {} },
  Gelu: unary(),
  Conv: {
    inputs: 1,
    elementwise: false,
    constants: 'conv',
    attributes: { strides: { type: 'ints' }, pads: { type: 'ints' }, dilations: { type: 'ints' }, kernel_shape: { type: 'ints' }, group: { type: 'int', default: 1 } },
  },
  LayerNormalization: { inputs: 1, elementwise: false, constants: 'layernorm', attributes: { axis: { type: 'int', default: -1 }, epsilon: { type: 'float', default: 1e-5, check: positive } } },
  // From opset 13 these take `axes` (Reshape: `shape`) as an input; `--attr axes=…` becomes that input (see model.ts).
  Reshape: { inputs: 1, elementwise: false, attributes: { shape: { type: 'ints', required: true }, allowzero: { type: 'int', default: 0, check: flag } } },
  Squeeze: { inputs: 1, elementwise: false, attributes: { axes: { type: 'ints' } } },
  Unsqueeze: { inputs: 1, elementwise: false, attributes: { axes: { type: 'ints', required: true, check: (value) => ((value as number[]).length ? undefined : 'needs at least one axis') } } },
  ReduceSum: { inputs: 1, elementwise: false, attributes: { axes: { type: 'ints' }, keepdims: { type: 'int', default: 1, check: flag }, noop_with_empty_axes: { type: 'int', default: 0, check: flag } } },
  ReduceMean: { inputs: 1, elementwise: false, attributes: { axes: { type: 'ints' }, keepdims: { type: 'int', default: 1, check: flag } } },
};

/** Attributes that are int64 inputs at the op's opset (ReduceMean's axes becomes one only at opset 18). */
export const INT64_INPUTS: Record<string, string> = { Squeeze: 'axes', Unsqueeze: 'axes', ReduceSum: 'axes', Reshape: 'shape' };

/** The opset of an op's one-node model: 17, or the first opset that has the op. */
export function opsetFor(op: string): number {
  return op === 'Gelu' ? 20 : 17;
}

/** `name=value` pairs → typed attributes, with the op's defaults filled in. */
export function parseAttributes(op: string, pairs: readonly string[]): Record<string, AttributeValue> {
  // An op the prover registers that this table does not describe: types are read from the values.
  const spec = OPERATOR_SPECS[op] ?? { inputs: 1, elementwise: false, attributes: Object.fromEntries(pairs.map((pair) => [pair.split('=')[0], { type: guessType(pair.slice(pair.indexOf('=') + 1)) }])) };
  const names = Object.keys(spec.attributes);
  const values: Record<string, AttributeValue> = {};
  for (const pair of pairs) {
    const match = /^([A-Za-z_][\w]*)=(.*)$/.exec(pair);
    if (!match) throw new OpInputError(`--attr ${pair}: write name=value, e.g. --attr alpha=0.2`);
    const [, name, text] = match;
    const attribute = spec.attributes[name];
    if (!attribute) throw new OpInputError(`--attr ${name}: ${op} has no attribute ${name} (${names.length ? `its attributes: ${names.join(', ')}` : 'it has none'})`);
    if (name in values) throw new OpInputError(`--attr ${name}: given twice`);
    const value = parseValue(attribute.type, text);
    if (value === undefined) throw new OpInputError(`--attr ${name}=${text}: ${op}.${name} is ${articled(attribute.type)}`);
    const problem = attribute.check?.(value);
    if (problem) throw new OpInputError(`--attr ${name}=${text}: ${op}.${name} ${problem}`);
    values[name] = value;
  }
  for (const [name, attribute] of Object.entries(spec.attributes)) {
    if (!(name in values) && attribute.required) throw new OpInputError(`${op} needs --attr ${name}=… (${articled(attribute.type)}; ONNX gives it no default)`);
    if (!(name in values) && attribute.default !== undefined) values[name] = attribute.default;
  }
  return values;
}

/** `alpha=0.2, beta=0.5` (sorted), or `no attributes`. */
export function formatAttributes(attributes: Record<string, AttributeValue>): string {
  const entries = Object.entries(attributes).sort(([a], [b]) => a.localeCompare(b));
  return entries.length ? entries.map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : value}`).join(', ') : 'no attributes';
}

function guessType(text: string): AttributeType {
  if (/^-?\d+$/.test(text)) return 'int';
  if (/^-?\d+(,-?\d+)+$/.test(text)) return 'ints';
  return text.trim() !== '' && Number.isFinite(Number(text)) ? 'float' : 'string';
}

function parseValue(type: AttributeType, text: string): AttributeValue | undefined {
  const number = (item: string) => (item.trim() !== '' && Number.isFinite(Number(item)) ? Number(item) : undefined);
  switch (type) {
    case 'float':
      return number(text);
    case 'int': {
      const value = number(text);
      return value !== undefined && Number.isInteger(value) ? value : undefined;
    }
    case 'ints': {
      const items = text.split(',').map(number);
      return items.every((item) => item !== undefined && Number.isInteger(item)) ? (items as number[]) : undefined;
    }
    case 'string':
      return text;
    default:
      return type satisfies never;
  }
}

function articled(type: AttributeType): string {
  return { float: 'a number', int: 'an integer', ints: 'a list of integers (1,2,3)', string: 'a string' }[type];
}
