import { readFile } from 'node:fs/promises';
import { mod } from './field.js';

/**
 * The constraint system as the analysis needs it: sparse linear combinations of wires, with the
 * wire layout circom uses ([1, outputs, public inputs, private inputs, internal signals]) and a
 * name per wire. Read directly from the iden3 binary format so coefficients stay plain bigints.
 */

export interface Combination {
  wires: number[];
  coefficients: bigint[];
}

/** A·w × B·w = C·w */
export interface Constraint {
  a: Combination;
  b: Combination;
  c: Combination;
}

export interface ConstraintSystem {
  prime: bigint;
  nWires: number;
  nOutputs: number;
  nInputs: number;
  /**
   * Wires holding main's inputs. The header says "wires nOutputs+1 … nOutputs+nInputs", but circom
   * drops inputs that appear in no constraint and renumbers, so `withInputNames` re-derives the set
   * from the .sym labels when it can.
   */
  inputWires: Set<number>;
  constraints: Constraint[];
  /** Wire → best name (the shortest label the .sym file gives it). */
  names: string[];
  /** Every .sym label → its wire, or −1 when the optimiser removed the signal. */
  labels: Map<string, number>;
  /** Wire → constraints it appears in (deduplicated, ascending). */
  uses: number[][];
}

export function isOutputWire(system: ConstraintSystem, wire: number): boolean {
  return wire >= 1 && wire <= system.nOutputs;
}

export function isInputWire(system: ConstraintSystem, wire: number): boolean {
  return system.inputWires.has(wire);
}

/** Input wires from the labels `main.<name>` / `main.<name>[i]…` of the given input names. */
export function withInputNames(system: ConstraintSystem, names: string[]): ConstraintSystem {
  if (system.labels.size === 0) return system;
  const wanted = new Set(names);
  const inputWires = new Set<number>();
  for (const [label, wire] of system.labels) {
    const match = /^main\.(\w+)(\[.*)?$/.exec(label);
    if (match && wanted.has(match[1]) && wire >= 0) inputWires.add(wire);
  }
  return { ...system, inputWires };
}

export async function loadConstraintSystem(r1csPath: string, symPath?: string): Promise<ConstraintSystem> {
  const bytes = await readFile(r1csPath);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.subarray(0, 4).toString('latin1') !== 'r1cs') throw new Error(`${r1csPath}: not an r1cs file`);
  const sections = new Map<number, number>();
  let offset = 12;
  for (let i = 0, n = view.getUint32(8, true); i < n; i++) {
    sections.set(view.getUint32(offset, true), offset + 12);
    offset += 12 + Number(view.getBigUint64(offset + 4, true));
  }
  const header = sections.get(1);
  const body = sections.get(2);
  if (header === undefined || body === undefined) throw new Error(`${r1csPath}: missing header or constraints`);
  const n8 = view.getUint32(header, true);
  const scalar = (at: number): bigint => {
    let value = 0n;
    for (let i = n8 - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[at + i]);
    return value;
  };
  const prime = scalar(header + 4);
  let at = header + 4 + n8;
  const nWires = view.getUint32(at, true);
  const nOutputs = view.getUint32(at + 4, true);
  const nInputs = view.getUint32(at + 8, true) + view.getUint32(at + 12, true);
  const nConstraints = view.getUint32(at + 24, true);
  at = body;
  const combination = (): Combination => {
    const count = view.getUint32(at, true);
    at += 4;
    const wires: number[] = [];
    const coefficients: bigint[] = [];
    for (let i = 0; i < count; i++) {
      wires.push(view.getUint32(at, true));
      coefficients.push(mod(scalar(at + 4), prime));
      at += 4 + n8;
    }
    return { wires, coefficients };
  };
  const constraints: Constraint[] = [];
  for (let i = 0; i < nConstraints; i++) constraints.push({ a: combination(), b: combination(), c: combination() });
  const labels = symPath ? await readLabels(symPath, nWires) : new Map<string, number>();
  const names: string[] = new Array(nWires);
  for (const [name, wire] of labels) {
    if (wire < 0) continue;
    // A wire shared by several labels reads best under its outermost (fewest dots) name.
    const current = names[wire];
    if (current === undefined || depth(name) < depth(current)) names[wire] = name;
  }
  for (let w = 0; w < nWires; w++) names[w] ??= w === 0 ? 'one' : `w${w}`;
  const inputWires = new Set(Array.from({ length: nInputs }, (_, i) => nOutputs + 1 + i));
  return { prime, nWires, nOutputs, nInputs, inputWires, constraints, names, labels, uses: wireUses(constraints, nWires) };
}

/** `.sym` lines are `labelIndex,wireIndex,componentIndex,name`; wire −1 means optimised away. */
async function readLabels(symPath: string, nWires: number): Promise<Map<string, number>> {
  const labels = new Map<string, number>();
  for (const line of (await readFile(symPath, 'utf8')).split('\n')) {
    const parts = line.split(',');
    if (parts.length < 4) continue;
    const wire = Number(parts[1]);
    // −1: the optimiser removed the signal (substituted it away, or nothing used it).
    if (wire < nWires) labels.set(parts.slice(3).join(','), wire);
  }
  return labels;
}

function depth(name: string): number {
  return name.split('.').length;
}

/** Wire → the constraints it appears in (ascending, each once). */
export function wireUses(constraints: Constraint[], nWires: number): number[][] {
  const uses: number[][] = Array.from({ length: nWires }, () => []);
  constraints.forEach((constraint, index) => {
    for (const part of [constraint.a, constraint.b, constraint.c]) {
      for (const wire of part.wires) {
        const list = uses[wire];
        if (list[list.length - 1] !== index) list.push(index);
      }
    }
  });
  return uses;
}

export function evaluate(combination: Combination, witness: bigint[], p: bigint): bigint {
  let sum = 0n;
  for (let i = 0; i < combination.wires.length; i++) sum += combination.coefficients[i] * witness[combination.wires[i]];
  return sum % p;
}

export function holds(constraint: Constraint, witness: bigint[], p: bigint): boolean {
  const a = evaluate(constraint.a, witness, p);
  const b = evaluate(constraint.b, witness, p);
  return (a * b - evaluate(constraint.c, witness, p)) % p === 0n;
}

/** Indices of the constraints the witness violates (all of them checked, exactly mod p). */
export function violatedConstraints(system: ConstraintSystem, witness: bigint[], only?: Iterable<number>): number[] {
  const indices = only ?? system.constraints.keys();
  const violated: number[] = [];
  for (const index of indices) if (!holds(system.constraints[index], witness, system.prime)) violated.push(index);
  return violated;
}
