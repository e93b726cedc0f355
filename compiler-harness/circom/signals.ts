import type { Value } from '../types.js';
import type { R1cs } from './r1cs.js';

/** One named signal of `main` (scalar or array), with the witness wire of every element. */
export interface MainSignal {
  name: string;
  role: 'output' | 'public-input' | 'private-input';
  /** Array dimensions; empty for a scalar. */
  shape: number[];
  /** Wires in row-major order of the indices; −1 for an input the optimiser merged away. */
  wires: number[];
}

export interface SymEntry {
  label: number;
  wire: number;
  component: number;
  name: string;
}

/** Parse a circom `.sym` file: `label,wire,component,name` per line; wire −1 when optimised away. */
export function parseSym(text: string): SymEntry[] {
  const entries: SymEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line) continue;
    const [label, wire, component, ...rest] = line.split(',');
    entries.push({ label: Number(label), wire: Number(wire), component: Number(component), name: rest.join(',') });
  }
  return entries;
}

/**
 * The inputs and outputs of `main`. Their roles come from the label numbering circom guarantees
 * (label 0 is the constant 1, then outputs, public inputs, private inputs), not from wires: the
 * optimiser may merge a private input into another signal (`out <== x`), leaving it without a wire
 * (−1) while it is still an input the prover must supply.
 */
export function mainSignals(r1cs: R1cs, sym: SymEntry[]): MainSignal[] {
  const firstPublic = 1 + r1cs.nOutputs;
  const firstPrivate = firstPublic + r1cs.nPublicInputs;
  const end = firstPrivate + r1cs.nPrivateInputs;
  const byName = new Map<string, { role: MainSignal['role']; elements: { indices: number[]; wire: number }[] }>();
  for (const entry of sym) {
    if (entry.label < 1 || entry.label >= end || !entry.name.startsWith('main.')) continue;
    const local = entry.name.slice('main.'.length);
    if (local.includes('.')) continue;
    const base = local.replace(/\[.*$/, '');
    const indices = [...local.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    const role = entry.label < firstPublic ? 'output' : entry.label < firstPrivate ? 'public-input' : 'private-input';
    const signal = byName.get(base) ?? { role, elements: [] };
    signal.elements.push({ indices, wire: entry.wire });
    byName.set(base, signal);
  }
  return [...byName].map(([name, { role, elements }]) => {
    const shape = elements[0].indices.map((_, d) => 1 + Math.max(...elements.map((e) => e.indices[d])));
    const sorted = [...elements].sort((x, y) => compareIndices(x.indices, y.indices));
    return { name, role, shape, wires: sorted.map((e) => e.wire) };
  });
}

function compareIndices(x: number[], y: number[]): number {
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

/** The value of a main signal in a witness, nested to its shape, as decimal strings. */
export function signalValue(signal: MainSignal, witness: readonly bigint[]): Value {
  const flat = signal.wires.map((w) => witness[w].toString());
  return nest(flat, signal.shape);
}

function nest(flat: string[], shape: number[]): Value {
  if (shape.length === 0) return flat[0];
  const [size, ...rest] = shape;
  const stride = flat.length / size;
  return Array.from({ length: size }, (_, i) => nest(flat.slice(i * stride, (i + 1) * stride), rest));
}

/** Flatten a JSON value given for a signal, checking it has the signal's shape. */
export function flattenToShape(value: unknown, shape: number[], where: string): unknown[] {
  if (shape.length === 0) {
    if (Array.isArray(value)) throw new TypeError(`${where}: expected a single value, got an array`);
    return [value];
  }
  if (!Array.isArray(value) || value.length !== shape[0]) {
    const got = Array.isArray(value) ? `an array of ${value.length}` : JSON.stringify(value);
    throw new TypeError(`${where}: expected an array of ${shape[0]}, got ${got}`);
  }
  return value.flatMap((v, i) => flattenToShape(v, shape.slice(1), `${where}[${i}]`));
}
