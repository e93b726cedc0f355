import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { seededUniform } from '../prover/onnx/build.js';
import { formatAttributes } from './attributes.js';
import { oneNodeModel, type OperatorRequest } from './model.js';
import { runOnnxRuntime, type RuntimeLoader } from './reference.js';
import { roundHalfUp } from './samples.js';

/** Widths up to this are tabulated whole (onnxruntime runs every input once). */
export const MAX_TABLE_BITS = 20;

/** What ONNX says the elementwise ops compute (from the ONNX operator docs), for the task text. */
const FORMULAS: Record<string, string> = {
  HardSigmoid: 'max(0, min(1, alpha * x + beta))',
  HardSwish: 'x * max(0, min(1, x / 6 + 1 / 2))',
  Erf: 'the Gauss error function erf(x) = 2/sqrt(pi) * integral from 0 to x of exp(-t^2) dt',
  Sigmoid: '1 / (1 + exp(-x))',
  Tanh: 'tanh(x)',
  Softplus: 'ln(exp(x) + 1)',
  Softsign: 'x / (1 + |x|)',
  Elu: 'x for x >= 0, alpha * (exp(x) - 1) otherwise',
  Celu: 'max(0, x) + min(0, alpha * (exp(x / alpha) - 1))',
  Selu: 'gamma * x for x > 0, gamma * (alpha * exp(x) - alpha) otherwise',
  ThresholdedRelu: 'x for x > alpha, 0 otherwise',
  LeakyRelu: 'x for x >= 0, alpha * x otherwise',
  Relu: 'max(0, x)',
  Abs: '|x|',
  Neg: '-x',
  Sign: '1, 0 or -1 by the sign of x',
  Floor: 'floor(x)',
  Ceil: 'ceil(x)',
  Round: 'x rounded to the nearest integer, ties to even',
  Exp: 'exp(x)',
  Mish: 'x * tanh(softplus(x))',
  Identity: 'x',
};

/**
 * The exact integer semantics of an elementwise op at a scale: for every x in SInt(bits),
 * y = clamp(round_half_up(f(x / 2^scale) · 2^scale), SInt(bits)) with f as onnxruntime computes it
 * in float32. Tabulated by running onnxruntime on the whole domain.
 */
export interface ElementSemantics {
  min: bigint;
  /** y for x = min, min + 1, …, max. */
  table: bigint[];
  /** max |y / 2^scale − f(x)| over the domain, and over the unsaturated part. */
  measured: number;
  measuredUnsaturated: number;
  saturated: number;
  text: string;
}

export async function tabulateElementwise(options: { request: OperatorRequest; scale: number; bits: number; load?: RuntimeLoader }): Promise<ElementSemantics> {
  const { request, scale, bits } = options;
  const size = 2 ** bits;
  const min = -(1n << BigInt(bits - 1));
  const max = (1n << BigInt(bits - 1)) - 1n;
  const model = oneNodeModel({ ...request, shapes: [[size]] });
  const xs = Array.from({ length: size }, (_, i) => (Number(min) + i) / 2 ** scale);
  const run = await runOnnxRuntime({ model: model.bytes([size]), inputs: model.inputs, samples: [[xs]], load: options.load });
  const floats = run.outputs[0].data;
  const table: bigint[] = [];
  let measured = 0;
  let measuredUnsaturated = 0;
  let saturated = 0;
  floats.forEach((value, i) => {
    if (!Number.isFinite(value)) throw new Error(`${request.op} is ${value} at x = ${xs[i]}: it has no integer semantics on all of SInt(${bits}) at scale 2^${scale}`);
    let y = roundHalfUp(value * 2 ** scale);
    const clamped = y > max || y < min;
    if (clamped) (saturated++, (y = y > max ? max : min));
    const error = Math.abs(Number(y) / 2 ** scale - value);
    measured = Math.max(measured, error);
    if (!clamped) measuredUnsaturated = Math.max(measuredUnsaturated, error);
    table.push(y);
  });
  const formula = FORMULAS[request.op];
  const text =
    `For every x in SInt(${bits}) (the real number x / 2^${scale}): y = clamp(round_half_up(f(x / 2^${scale}) * 2^${scale}), -2^${bits - 1}, 2^${bits - 1} - 1), ` +
    `where f is ONNX ${request.op} (${formatAttributes(request.attributes)})${formula ? ` = ${formula}` : ''}, as onnxruntime computes it in float32, and round_half_up(v) = floor(v + 1/2).`;
  return { min, table, measured, measuredUnsaturated, saturated, text };
}

/**
 * Element vectors `{ x } → { y }` from the table: both boundaries, 0 and ±1, where the output first
 * and last changes (saturation knees), and seeded random points; forge moves y of two of them by
 * ±1; reject takes x just outside SInt(bits).
 */
export function elementVectors(semantics: ElementSemantics, bits: number): TestVectors {
  const { min, table } = semantics;
  const at = (index: number) => ({ x: (min + BigInt(index)).toString() });
  const indexes = new Set<number>([0, table.length - 1, Number(-min), Number(-min) + 1, Number(-min) - 1]);
  const first = table.findIndex((value, i) => i > 0 && value !== table[i - 1]);
  let last = -1;
  for (let i = table.length - 1; i > 0; i--) if (table[i] !== table[i - 1]) ((last = i), (i = 0));
  for (const knee of [first, last]) if (knee >= 0) indexes.add(knee);
  for (const value of seededUniform(3, 3, 1)) indexes.add(Math.floor(((value + 1) / 2) * (table.length - 1)));
  const accept = [...indexes].sort((a, b) => a - b).map((index) => ({ inputs: at(index), outputs: { y: table[index].toString() } }));
  const middle = accept.filter((c) => c.inputs.x === '0' || c.inputs.x === '1');
  return {
    accept,
    reject: [
      { inputs: { x: (-min).toString() }, reason: `x = 2^${bits - 1} is outside SInt(${bits})` },
      { inputs: { x: (min - 1n).toString() }, reason: `x = -2^${bits - 1} - 1 is outside SInt(${bits})` },
    ],
    forge: middle.flatMap((c) => [1n, -1n].map((delta) => ({ inputs: c.inputs, outputs: { y: (BigInt(c.outputs.y) + delta).toString() }, reason: `y must be the rounded onnxruntime value at x = ${c.inputs.x}` }))),
  };
}

/** The task the agent gets: the interface, the exact semantics, and where the vectors come from. */
export function elementTask(request: OperatorRequest, semantics: ElementSemantics, options: { scale: number; bits: number; runtime: string }): string {
  const { scale, bits } = options;
  return [
    `Circuit for the ONNX operator ${request.op} (${formatAttributes(request.attributes)}) applied to one element of a fixed-point tensor.`,
    `Interface: one input x: SInt(${bits}) (a signed ${bits}-bit integer, negatives as p - |x|, standing for x / 2^${scale}); one output y at the same scale.`,
    `Semantics (exact, integer for integer): ${semantics.text}`,
    `The circuit must range-check x to SInt(${bits}) (inputs outside it are rejected) and pin y completely: every hint constrained, every quotient and remainder range-checked.`,
    `The user vectors come from ${options.runtime} on this exact domain and always run.`,
  ].join('\n');
}
