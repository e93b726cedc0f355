import { readFile } from 'node:fs/promises';

/** A linear combination: wire index → coefficient (standard form, reduced mod p). */
export type LinearCombination = Map<number, bigint>;

export interface R1csConstraint {
  a: LinearCombination;
  b: LinearCombination;
  c: LinearCombination;
}

export interface R1cs {
  prime: bigint;
  nWires: number;
  nOutputs: number;
  nPublicInputs: number;
  nPrivateInputs: number;
  nLabels: number;
  constraints: R1csConstraint[];
  /** wire index → label index in the .sym file. */
  wireToLabel: number[];
}

/**
 * Read a circom `.r1cs` file (the iden3 binary format: header, constraints, wire→label map).
 * Coefficients are stored little-endian in standard (non-Montgomery) form.
 */
export async function readR1cs(path: string): Promise<R1cs> {
  const bytes = await readFile(path);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.subarray(0, 4).toString('latin1') !== 'r1cs') throw new Error(`${path}: not an r1cs file`);
  const sections = new Map<number, { offset: number; size: number }>();
  const nSections = view.getUint32(8, true);
  let offset = 12;
  for (let i = 0; i < nSections; i++) {
    const type = view.getUint32(offset, true);
    const size = Number(view.getBigUint64(offset + 4, true));
    sections.set(type, { offset: offset + 12, size });
    offset += 12 + size;
  }
  const header = sections.get(1);
  const body = sections.get(2);
  if (!header || !body) throw new Error(`${path}: r1cs file lacks a header or constraints section`);
  let at = header.offset;
  const n8 = view.getUint32(at, true);
  const prime = readScalar(bytes, at + 4, n8);
  at += 4 + n8;
  const r1cs: R1cs = {
    prime,
    nWires: view.getUint32(at, true),
    nOutputs: view.getUint32(at + 4, true),
    nPublicInputs: view.getUint32(at + 8, true),
    nPrivateInputs: view.getUint32(at + 12, true),
    nLabels: Number(view.getBigUint64(at + 16, true)),
    constraints: [],
    wireToLabel: [],
  };
  const nConstraints = view.getUint32(at + 24, true);
  at = body.offset;
  const readCombination = (): LinearCombination => {
    const combination: LinearCombination = new Map();
    const nTerms = view.getUint32(at, true);
    at += 4;
    for (let t = 0; t < nTerms; t++) {
      combination.set(view.getUint32(at, true), readScalar(bytes, at + 4, n8));
      at += 4 + n8;
    }
    return combination;
  };
  for (let i = 0; i < nConstraints; i++) {
    const a = readCombination();
    const b = readCombination();
    const c = readCombination();
    r1cs.constraints.push({ a, b, c });
  }
  const map = sections.get(3);
  if (map) {
    for (let w = 0; w < r1cs.nWires; w++) r1cs.wireToLabel.push(Number(view.getBigUint64(map.offset + 8 * w, true)));
  }
  return r1cs;
}

function readScalar(bytes: Uint8Array, offset: number, n8: number): bigint {
  let value = 0n;
  for (let i = n8 - 1; i >= 0; i--) value = (value << 8n) | BigInt(bytes[offset + i]);
  return value;
}

/** Evaluate a linear combination on a witness. */
export function evaluate(combination: LinearCombination, witness: readonly bigint[], prime: bigint): bigint {
  let sum = 0n;
  for (const [wire, coefficient] of combination) sum += coefficient * witness[wire];
  return sum % prime;
}

/** Index of the first constraint the witness violates, or -1 when it satisfies all of them. */
export function firstViolatedConstraint(r1cs: R1cs, witness: readonly bigint[]): number {
  if (witness.length !== r1cs.nWires || witness[0] !== 1n) return Number.MAX_SAFE_INTEGER;
  const p = r1cs.prime;
  for (let i = 0; i < r1cs.constraints.length; i++) {
    const { a, b, c } = r1cs.constraints[i];
    if ((evaluate(a, witness, p) * evaluate(b, witness, p) - evaluate(c, witness, p)) % p !== 0n) return i;
  }
  return -1;
}
