/**
 * Check a witness against `main`'s ACIR constraints ourselves, without bb.js.
 *
 * Why: bb.js 0.86 (UltraHonk) proves and verifies witnesses that violate an `AssertZero` opcode
 * whose expression holds one product of two witnesses that appear nowhere else in it plus three
 * linear terms (five distinct witnesses, e.g. `ret − a·b − c − d = 0` from `a * b + c + d`);
 * noir_wasm 1.0.0-beta.7 emits such opcodes although it declares expression width 4. See
 * BB-SOUNDNESS.md next to this file. So `satisfies` must not trust bb.js alone.
 *
 * Opcodes the reader (acir-decode.ts) cannot decode make the check report `undecodable` rather
 * than guess.
 */
import { NOIR_FIELD_MODULUS as P } from './acir.js';
import { decodeMainOpcodes, type Expression, type Input, type Opcode } from './acir-decode.js';

export { decodeMainOpcodes, type Expression, type Opcode } from './acir-decode.js';

export type AcirCheck =
  | { ok: true }
  | { ok: false; violated: { index: number; opcode: string } }
  | { ok: 'undecodable'; reason: string };

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
