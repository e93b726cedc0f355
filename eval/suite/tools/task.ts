/**
 * How level-2/3 tasks are written: a plain bigint reference function computes every expected
 * output, so no vector is typed by hand. Accept vectors are reference runs; forge vectors take an
 * accept vector's honest outputs and move them the way a careless circuit would let a prover.
 */
import { BN254_PRIME } from '../../../compiler-harness/field.js';
import type { Lang } from '../../../compiler-harness/types.js';
import type { TestVectors } from '../../../compiler-harness/vectors/schema.js';
import type { SignalShape, Task } from '../suite-files.js';

export type Val = bigint | Val[];
export type Values = Record<string, Val>;

export interface Forge {
  /** Index of the accept case whose inputs are reused. */
  from: number;
  /** The wrong outputs, from the honest ones. */
  outputs: (honest: Values, inputs: Values) => Values;
  reason: string;
}

export interface TaskDef {
  id: string;
  level: 2 | 3;
  category: string;
  spec: string;
  template: string;
  inputs: [string, number[]][];
  outputs: [string, number[]][];
  publicInputs?: string[];
  signature: string;
  returnNames: string[];
  reference: (inputs: Values) => Values;
  accept: Values[];
  reject: [Values, string][];
  forge: Forge[];
  leaks?: string[];
  /** When the two languages' outputs differ (e.g. a hash that only one language has), one reference each. */
  perLang?: Partial<Record<Lang, (inputs: Values) => Values>>;
}

const json = (v: Val): unknown => (Array.isArray(v) ? v.map(json) : v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString());
const jsonValues = (values: Values) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, json(v)]));

function vectorsWith(def: TaskDef, reference: (inputs: Values) => Values): TestVectors {
  const honest = def.accept.map((inputs) => ({ inputs, outputs: reference(inputs) }));
  return {
    accept: honest.map((h) => ({ inputs: jsonValues(h.inputs), outputs: jsonValues(h.outputs) })) as TestVectors['accept'],
    reject: def.reject.map(([inputs, reason]) => ({ inputs: jsonValues(inputs), reason })) as TestVectors['reject'],
    forge: def.forge.map((f) => {
      const h = honest[f.from];
      return { inputs: jsonValues(h.inputs), outputs: jsonValues(f.outputs(h.outputs, h.inputs)), reason: f.reason };
    }) as TestVectors['forge'],
  };
}

const shapes = (list: [string, number[]][]): SignalShape[] => list.map(([name, shape]) => ({ name, shape }));

/** The task line of a definition, with every vector computed by its reference. */
export function buildTask(def: TaskDef): Task {
  const vectors = def.perLang
    ? { circom: vectorsWith(def, def.perLang.circom ?? def.reference), noir: vectorsWith(def, def.perLang.noir ?? def.reference) }
    : vectorsWith(def, def.reference);
  return {
    id: def.id,
    level: def.level,
    category: def.category,
    langs: ['circom', 'noir'],
    spec: def.spec,
    interface: {
      circom: { template: def.template, params: [], inputs: shapes(def.inputs), outputs: shapes(def.outputs), publicInputs: def.publicInputs ?? [] },
      noir: { signature: def.signature, returnNames: def.returnNames },
    },
    vectors,
    leaks: def.leaks ?? [],
    solution: { circom: `solutions/${def.id}.circom`, noir: `solutions/${def.id}.nr` },
  };
}

/** Small helpers for reference functions. */
export const bits = (x: bigint, n: number): bigint[] => Array.from({ length: n }, (_, i) => (x >> BigInt(i)) & 1n);
export const fromBits = (b: bigint[]): bigint => b.reduce((acc, bit, i) => acc + (bit << BigInt(i)), 0n);
export const b = (x: boolean): bigint => (x ? 1n : 0n);
export const P = BN254_PRIME;
export const mod = (x: bigint): bigint => ((x % P) + P) % P;
export function inv(x: bigint): bigint {
  let [a, m, u, v] = [mod(x), P, 1n, 0n];
  while (a !== 0n) {
    const q = m / a;
    [a, m] = [m - q * a, a];
    [u, v] = [v - q * u, u];
  }
  return mod(v);
}
export const n = (v: Val): bigint => v as bigint;
export const arr = (v: Val): bigint[] => v as bigint[];
