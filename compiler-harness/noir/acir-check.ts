/**
 * Check a witness against `main`'s ACIR constraints ourselves, without bb.js.
 *
 * Why: bb.js 0.86 (UltraHonk) proves and verifies witnesses that violate an `AssertZero` opcode
 * whose expression holds one product of two witnesses that appear nowhere else in it plus three
 * linear terms (five distinct witnesses, e.g. `ret − a·b − c − d = 0` from `a * b + c + d`);
 * noir_wasm 1.0.0-beta.7 emits such opcodes although it declares expression width 4. See
 * BB-SOUNDNESS.md next to this file. So `satisfies` must not trust bb.js alone.
 *
 * The reader follows noir 1.0.0-beta.7's bincode layout of `Program`: integers little-endian,
 * `Vec` and `String` lengths as u64, enum tags as u32, `Option` as one byte, field elements as
 * hex strings. It decodes the first circuit (`main`) only; opcodes it cannot decode make the
 * check report `undecodable` rather than guess.
 */
import { NOIR_FIELD_MODULUS as P } from './acir.js';

export interface Expression {
  mul: [bigint, number, number][];
  linear: [bigint, number][];
  constant: bigint;
}

export type Opcode =
  | { kind: 'assert-zero'; expression: Expression }
  | { kind: 'range'; input: Input; bits: number }
  | { kind: 'logic'; op: 'and' | 'xor'; lhs: Input; rhs: Input; output: number }
  | { kind: 'poseidon2'; inputs: Input[]; outputs: number[] }
  | { kind: 'other'; name: string };

export type Input = { witness: number; bits: number } | { constant: bigint; bits: number };

export type AcirCheck =
  | { ok: true }
  | { ok: false; violated: { index: number; opcode: string } }
  | { ok: 'undecodable'; reason: string };

class Reader {
  private offset = 0;
  private readonly view: DataView;
  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u8(): number {
    this.need(1);
    return this.bytes[this.offset++];
  }
  u32(): number {
    this.need(4);
    const value = this.view.getUint32(this.offset, true);
    this.offset += 4;
    return value;
  }
  length(): number {
    this.need(8);
    const value = this.view.getBigUint64(this.offset, true);
    this.offset += 8;
    if (value > BigInt(this.bytes.byteLength)) throw new Error(`implausible length ${value}`);
    return Number(value);
  }
  field(): bigint {
    const n = this.length();
    this.need(n);
    const text = Buffer.from(this.bytes.subarray(this.offset, this.offset + n)).toString('latin1');
    this.offset += n;
    if (!/^[0-9a-f]+$/i.test(text)) throw new Error(`field element is not hex: ${text.slice(0, 20)}`);
    return BigInt(`0x${text}`);
  }
  vec<T>(item: () => T): T[] {
    return Array.from({ length: this.length() }, item);
  }
  option<T>(item: () => T): T | undefined {
    return this.u8() ? item() : undefined;
  }
  private need(n: number): void {
    if (this.offset + n > this.bytes.byteLength) throw new Error('ACIR program ends early');
  }
}

const expression = (r: Reader): Expression => ({
  mul: r.vec(() => [r.field(), r.u32(), r.u32()] as [bigint, number, number]),
  linear: r.vec(() => [r.field(), r.u32()] as [bigint, number]),
  constant: r.field(),
});

function input(r: Reader): Input {
  const tag = r.u32();
  if (tag === 0) return { constant: r.field(), bits: r.u32() };
  if (tag === 1) return { witness: r.u32(), bits: r.u32() };
  throw new Error(`unknown function input tag ${tag}`);
}

function opcode(r: Reader): Opcode {
  const tag = r.u32();
  switch (tag) {
    case 0:
      return { kind: 'assert-zero', expression: expression(r) };
    case 1: {
      const blackBox = r.u32();
      if (blackBox === 1 || blackBox === 2) {
        return { kind: 'logic', op: blackBox === 1 ? 'and' : 'xor', lhs: input(r), rhs: input(r), output: r.u32() };
      }
      if (blackBox === 3) {
        const range = input(r);
        return { kind: 'range', input: range, bits: range.bits };
      }
      if (blackBox === 18) {
        // Poseidon2Permutation { inputs, outputs, len }
        const permutation: Opcode = { kind: 'poseidon2', inputs: r.vec(() => input(r)), outputs: r.vec(() => r.u32()) };
        r.u32();
        return permutation;
      }
      throw new Error(`black-box function ${blackBox} is not decoded`);
    }
    case 2: // MemoryOp { block_id, op: { operation, index, value }, predicate }
      r.u32();
      expression(r), expression(r), expression(r);
      r.option(() => expression(r));
      return { kind: 'other', name: 'memory op' };
    case 3: {
      // MemoryInit { block_id, init, block_type: Memory | CallData(u32) | ReturnData }
      r.u32();
      r.vec(() => r.u32());
      if (r.u32() === 1) r.u32();
      return { kind: 'other', name: 'memory init' };
    }
    case 4: // BrilligCall: unconstrained, nothing to check
      r.u32();
      r.vec(() => brilligInput(r));
      r.vec(() => (r.u32() === 0 ? r.u32() : r.vec(() => r.u32())));
      r.option(() => expression(r));
      return { kind: 'other', name: 'brillig call' };
    case 5:
      r.u32();
      r.vec(() => r.u32()), r.vec(() => r.u32());
      r.option(() => expression(r));
      return { kind: 'other', name: 'call' };
    default:
      throw new Error(`unknown opcode tag ${tag}`);
  }
}

function brilligInput(r: Reader): unknown {
  const tag = r.u32();
  if (tag === 0) return expression(r);
  if (tag === 1) return r.vec(() => expression(r));
  if (tag === 2) return r.u32();
  throw new Error(`unknown brillig input tag ${tag}`);
}

/** The inputs of `main`'s Poseidon2 permutations under `witness`, to compute before `checkAcirWitness`. */
export function permutationInputs(program: Uint8Array, witness: Map<number, bigint>): bigint[][] {
  let opcodes: Opcode[];
  try {
    opcodes = decodeMainOpcodes(program);
  } catch {
    return [];
  }
  const read = (i: Input) => ('witness' in i ? (witness.get(i.witness) ?? 0n) : i.constant);
  return opcodes.flatMap((op) => (op.kind === 'poseidon2' ? [op.inputs.map(read)] : []));
}

/** `main`'s opcodes from an un-gzipped noir 1.0.0-beta.7 ACIR program. */
export function decodeMainOpcodes(program: Uint8Array): Opcode[] {
  const r = new Reader(program);
  if (r.length() < 1) throw new Error('ACIR program has no functions');
  r.u32(); // current_witness_index
  const opcodes = r.vec(() => opcode(r));
  // Next comes `expression_width`: Unbounded (0) or Bounded { width } (1). Anything else means
  // the opcodes were misread, and a misread opcode must not fail an honest witness.
  const width = r.u32();
  if (width > 1 || (width === 1 && r.length() > 1_000)) throw new Error('opcodes are not followed by an expression width');
  return opcodes;
}

const mod = (v: bigint) => ((v % P) + P) % P;

export function evaluate(e: Expression, witness: (index: number) => bigint): bigint {
  let sum = e.constant;
  for (const [c, a, b] of e.mul) sum += c * witness(a) * witness(b);
  for (const [c, a] of e.linear) sum += c * witness(a);
  return mod(sum);
}

/** Distinct witnesses of an expression: bb.js mishandles some above 4 (see the file comment). */
export function expressionWidth(e: Expression): number {
  return new Set([...e.mul.flatMap(([, a, b]) => [a, b]), ...e.linear.map(([, a]) => a)]).size;
}

/** The Poseidon2 permutation of some field elements (bb.js computes it), or undefined when not known. */
export type Permutation = (inputs: bigint[]) => bigint[] | undefined;

/**
 * Does `witness` (index → field element) satisfy every AssertZero, RANGE, AND and XOR opcode of
 * `main`, and every Poseidon2 permutation that `permutation` knows the result of? Memory and call
 * opcodes are not checked here (bb.js still checks them).
 */
export function checkAcirWitness(program: Uint8Array, witness: Map<number, bigint>, permutation: Permutation = () => undefined): AcirCheck {
  let opcodes: Opcode[];
  try {
    opcodes = decodeMainOpcodes(program);
  } catch (error) {
    return { ok: 'undecodable', reason: error instanceof Error ? error.message : String(error) };
  }
  const value = (index: number) => witness.get(index) ?? 0n;
  const read = (i: Input) => ('witness' in i ? value(i.witness) : i.constant);
  for (const [index, op] of opcodes.entries()) {
    if (op.kind === 'poseidon2') {
      const expected = permutation(op.inputs.map(read));
      if (expected && op.outputs.some((output, k) => value(output) !== expected[k])) {
        return { ok: false, violated: { index, opcode: `Poseidon2 permutation → ${op.outputs.map((w) => `w${w}`).join(', ')}` } };
      }
    }
    if (op.kind === 'assert-zero' && evaluate(op.expression, value) !== 0n) {
      return { ok: false, violated: { index, opcode: `AssertZero ${describe(op.expression)}` } };
    }
    if (op.kind === 'range' && read(op.input) >= 1n << BigInt(op.bits)) {
      return { ok: false, violated: { index, opcode: `RANGE ${describeInput(op.input)} < 2^${op.bits}` } };
    }
    if (op.kind === 'logic') {
      const [a, b] = [read(op.lhs), read(op.rhs)];
      const bound = 1n << BigInt(op.lhs.bits);
      const expected = op.op === 'and' ? a & b : a ^ b;
      if (a >= bound || b >= bound || value(op.output) !== expected) {
        return { ok: false, violated: { index, opcode: `${op.op.toUpperCase()} → w${op.output}` } };
      }
    }
  }
  return { ok: true };
}

function signed(v: bigint): string {
  return v > P / 2n ? `-${P - v}` : `${v}`;
}

export function describe(e: Expression): string {
  const terms = [
    ...e.mul.map(([c, a, b]) => `${signed(c)}·w${a}·w${b}`),
    ...e.linear.map(([c, a]) => `${signed(c)}·w${a}`),
    signed(e.constant),
  ];
  return `${terms.join(' + ')} = 0`;
}

function describeInput(i: Input): string {
  return 'witness' in i ? `w${i.witness}` : signed(i.constant);
}

/**
 * AssertZero opcodes of `main` that bb.js 0.86 does not enforce: the shape measured in
 * BB-SOUNDNESS.md. A proof of a circuit holding one can claim
 * values that violate it, so such a circuit's proofs are not sound. `undefined` when the program
 * cannot be decoded.
 */
export function bbUnenforcedOpcodes(program: Uint8Array): { index: number; opcode: string }[] | undefined {
  let opcodes: Opcode[];
  try {
    opcodes = decodeMainOpcodes(program);
  } catch {
    return undefined;
  }
  return opcodes.flatMap((op, index) =>
    op.kind === 'assert-zero' && unenforcedShape(op.expression) ? [{ index, opcode: `AssertZero ${describe(op.expression)}` }] : [],
  );
}

/** One product of two witnesses absent from the three linear terms: five distinct witnesses. */
function unenforcedShape(e: Expression): boolean {
  if (e.mul.length !== 1 || e.linear.length !== 3) return false;
  const [, a, b] = e.mul[0];
  const linear = new Set(e.linear.map(([, w]) => w));
  return !linear.has(a) && !linear.has(b) && expressionWidth(e) === 5;
}
