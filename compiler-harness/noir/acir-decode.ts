/**
 * A reader for `main`'s ACIR opcodes, for the witness check (acir-check.ts) and the soundness
 * analysis (soundness/acir-system.ts).
 *
 * It follows noir 1.0.0-beta.7's bincode layout of `Program`: integers little-endian, `Vec` and
 * `String` lengths as u64, enum tags as u32, `Option` as one byte, field elements as hex strings.
 * It decodes the first circuit (`main`) only; an opcode it cannot decode throws rather than guess.
 */

export interface Expression {
  mul: [bigint, number, number][];
  linear: [bigint, number][];
  constant: bigint;
}

/** An input of a Brillig call: an expression, an array of them, or a memory block (by id). */
export type BrilligInput = { expression: Expression } | { array: Expression[] } | { block: number };

export type Opcode =
  | { kind: 'assert-zero'; expression: Expression }
  | { kind: 'range'; input: Input; bits: number }
  | { kind: 'logic'; op: 'and' | 'xor'; lhs: Input; rhs: Input; output: number }
  | { kind: 'poseidon2'; inputs: Input[]; outputs: number[] }
  | { kind: 'memory-init'; block: number; init: number[] }
  /** `operation` is 0 for a read and 1 for a write (a constant expression in practice). */
  | { kind: 'memory-op'; block: number; operation: Expression; index: Expression; value: Expression; predicate?: Expression }
  /** Unconstrained code: `outputs` (witnesses, flattened per output) get whatever it returns. */
  | { kind: 'brillig-call'; id: number; inputs: BrilligInput[]; outputs: number[][]; predicate?: Expression }
  /** A call of another ACIR function: its outputs are constrained there, not in `main`. */
  | { kind: 'call'; id: number; inputs: number[]; outputs: number[]; predicate?: Expression };

export type Input = { witness: number; bits: number } | { constant: bigint; bits: number };

export interface MainCircuit {
  /** The highest witness index `main` uses. */
  currentWitnessIndex: number;
  opcodes: Opcode[];
}

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
    case 2: {
      // MemoryOp { block_id, op: { operation, index, value }, predicate }
      const block = r.u32();
      const [operation, index, value] = [expression(r), expression(r), expression(r)];
      return { kind: 'memory-op', block, operation, index, value, predicate: r.option(() => expression(r)) };
    }
    case 3: {
      // MemoryInit { block_id, init, block_type: Memory | CallData(u32) | ReturnData }
      const block = r.u32();
      const init = r.vec(() => r.u32());
      if (r.u32() === 1) r.u32();
      return { kind: 'memory-init', block, init };
    }
    case 4: {
      // BrilligCall { id, inputs, outputs: Simple(witness) | Array(witnesses), predicate }
      const id = r.u32();
      const inputs = r.vec(() => brilligInput(r));
      const outputs = r.vec(() => (r.u32() === 0 ? [r.u32()] : r.vec(() => r.u32())));
      return { kind: 'brillig-call', id, inputs, outputs, predicate: r.option(() => expression(r)) };
    }
    case 5: {
      // Call { id, inputs, outputs, predicate }
      const id = r.u32();
      const [inputs, outputs] = [r.vec(() => r.u32()), r.vec(() => r.u32())];
      return { kind: 'call', id, inputs, outputs, predicate: r.option(() => expression(r)) };
    }
    default:
      throw new Error(`unknown opcode tag ${tag}`);
  }
}

function brilligInput(r: Reader): BrilligInput {
  const tag = r.u32();
  if (tag === 0) return { expression: expression(r) };
  if (tag === 1) return { array: r.vec(() => expression(r)) };
  if (tag === 2) return { block: r.u32() };
  throw new Error(`unknown brillig input tag ${tag}`);
}

/** `main` from an un-gzipped noir 1.0.0-beta.7 ACIR program. */
export function decodeMain(program: Uint8Array): MainCircuit {
  const r = new Reader(program);
  if (r.length() < 1) throw new Error('ACIR program has no functions');
  const currentWitnessIndex = r.u32();
  const opcodes = r.vec(() => opcode(r));
  // Next comes `expression_width`: Unbounded (0) or Bounded { width } (1). Anything else means
  // the opcodes were misread, and a misread opcode must not fail an honest witness.
  const width = r.u32();
  if (width > 1 || (width === 1 && r.length() > 1_000)) throw new Error('opcodes are not followed by an expression width');
  return { currentWitnessIndex, opcodes };
}

/** `main`'s opcodes from an un-gzipped noir 1.0.0-beta.7 ACIR program. */
export function decodeMainOpcodes(program: Uint8Array): Opcode[] {
  return decodeMain(program).opcodes;
}
