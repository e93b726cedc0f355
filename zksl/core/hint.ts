/**
 * Hints: the compute-only part of a sketch (Circom `<--`, Noir `unconstrained fn`). A hint is a
 * small expression tree rather than a JS closure so that it runs in the interpreter and lowers,
 * operator by operator, to both languages with the same meaning. `witness` is the one door through
 * which hint values enter a sketch and, like o1js `Provable.witness`, it always adds the type's checks.
 */
import { inverse, mod } from './field.js';
import { strictNamespace } from './namespace.js';
import { Circuit, type ConstraintRole } from './circuit.js';
import { activeHost, Signal, type Val } from './signal.js';
import type { ScalarType } from './types.js';

/** A constant table over the domain 0 … values.length − 1 (see `defineTable`). */
export interface Table {
  name: string;
  values: readonly bigint[];
}

export type BinaryHintOp = 'add' | 'sub' | 'mul' | 'div' | 'mod' | 'shr' | 'bit' | 'lt';
export type UnaryHintOp = 'inv' | 'isZero';

export type HintExpr =
  | { op: 'leaf'; signal: Signal }
  | { op: BinaryHintOp; args: [HintExpr, HintExpr] }
  | { op: UnaryHintOp; args: [HintExpr] }
  | { op: 'select'; args: [HintExpr, HintExpr, HintExpr] }
  | { op: 'table'; table: Table; args: [HintExpr] };

export type HintArg = Val | HintExpr;

/**
 * Integer hint operators read the low 128 bits of their operands, exactly what Noir's `as u128`
 * does; honest values are smaller, and a truncated dishonest value fails the constraints after it.
 */
export const INTEGER_HINT_MASK = (1n << 128n) - 1n;

export class HintError extends Error {}

function isHintExpr(value: HintArg): value is HintExpr {
  return typeof value === 'object' && !(value instanceof Signal) && 'op' in value;
}

export function hintArg(value: HintArg): HintExpr {
  if (typeof value === 'function') {
    // the o1js habit `witness(T, () => …)` does not lower to Circom/Noir; say what to write instead
    throw new Error('a hint is an H expression such as H.div(a, b), not a function: hints must lower to Circom and Noir');
  }
  return isHintExpr(value) ? value : { op: 'leaf', signal: Signal.from(value) };
}

const binary =
  (op: BinaryHintOp) =>
  (a: HintArg, b: HintArg): HintExpr => ({ op, args: [hintArg(a), hintArg(b)] });

/**
 * Hint operators. Field ops: add, sub, mul, inv (inv 0 = 0), isZero. Integer ops (on the low 128
 * bits of each operand; offset signed values first): div (floor), mod, shr, bit, lt. Example:
 * `witness(UInt(8), H.div(a, b))`.
 */
export const H = strictNamespace('H', {
  /** a + b in the field. Example: `H.add(a, 1)`. */
  add: binary('add'),
  /** a − b in the field. Example: `H.sub(a, b)`. */
  sub: binary('sub'),
  /** a · b in the field. Example: `H.mul(a, b)`. */
  mul: binary('mul'),
  /** floor(a / b) on integers; b = 0 is a hint error. Example: `H.div(a, b)`. */
  div: binary('div'),
  /** a mod b on integers. Example: `H.mod(a, b)`. */
  mod: binary('mod'),
  /** a >> k. Example: `H.shr(x, 4)`. */
  shr: binary('shr'),
  /** Bit i of a (0 or 1). Example: `H.bit(x, 3)`. */
  bit: binary('bit'),
  /** 1 if a < b as integers, else 0. Example: `H.lt(a, b)`. */
  lt: binary('lt'),
  /** Field inverse, with inv(0) = 0. Example: `H.inv(x)`. */
  inv: (a: HintArg): HintExpr => ({ op: 'inv', args: [hintArg(a)] }),
  /** 1 if a = 0, else 0. Example: `H.isZero(x)`. */
  isZero: (a: HintArg): HintExpr => ({ op: 'isZero', args: [hintArg(a)] }),
  /** c ≠ 0 ? a : b. Example: `H.select(H.lt(a, b), b, a)`. */
  select: (c: HintArg, a: HintArg, b: HintArg): HintExpr => ({
    op: 'select',
    args: [hintArg(c), hintArg(a), hintArg(b)],
  }),
  /** table[x]; x outside the domain is a hint error. Example: `H.lookup(expTable, d)`. */
  lookup: (table: Table, x: HintArg): HintExpr => ({ op: 'table', table, args: [hintArg(x)] }),
});

function integer(value: bigint): bigint {
  return value & INTEGER_HINT_MASK;
}

/** Evaluate a hint on canonical values; `read` gives the current value of a signal. */
export function evaluateHint(expr: HintExpr, read: (signal: Signal) => bigint): bigint {
  const arg = (i: number): bigint => evaluateHint((expr as { args: HintExpr[] }).args[i], read);
  switch (expr.op) {
    case 'leaf':
      return read(expr.signal);
    case 'add':
      return mod(arg(0) + arg(1));
    case 'sub':
      return mod(arg(0) - arg(1));
    case 'mul':
      return mod(arg(0) * arg(1));
    case 'div':
    case 'mod': {
      const a = integer(arg(0));
      const b = integer(arg(1));
      if (b === 0n) throw new HintError(`hint ${expr.op}: division by zero`);
      return expr.op === 'div' ? a / b : a % b;
    }
    case 'shr':
      return integer(arg(0)) >> integer(arg(1));
    case 'bit':
      return (integer(arg(0)) >> integer(arg(1))) & 1n;
    case 'lt':
      return integer(arg(0)) < integer(arg(1)) ? 1n : 0n;
    case 'inv':
      return inverse(arg(0));
    case 'isZero':
      return arg(0) === 0n ? 1n : 0n;
    case 'select':
      return arg(0) !== 0n ? arg(1) : arg(2);
    case 'table': {
      const x = arg(0);
      if (x >= BigInt(expr.table.values.length)) {
        throw new HintError(`hint lookup ${expr.table.name}: ${x} is outside the domain 0..${expr.table.values.length - 1}`);
      }
      return expr.table.values[Number(x)];
    }
    default:
      return expr satisfies never;
  }
}

/** Signals a hint reads, in order of first appearance (they become the Noir hint's parameters). */
export function hintLeaves(expr: HintExpr, into: Signal[] = []): Signal[] {
  if (expr.op === 'leaf') into.push(expr.signal);
  else for (const a of expr.args) hintLeaves(a, into);
  return into;
}

export function activeCircuit(): Circuit {
  const host = activeHost();
  if (!(host instanceof Circuit)) throw new Error('ZKSL: no circuit is being built');
  return host;
}

/**
 * A value computed by a hint, with its type's checks added (range for UInt/SInt/Fixed, booleanity
 * for Bool, nothing for Field). Example:
 * `const q = witness(UInt(8), H.div(a, b), 'q')`.
 */
export function witness(type: ScalarType, hint: HintArg, label?: string): Signal {
  const circuit = activeCircuit();
  const signal = circuit.hint(hintArg(hint), label);
  assertType(signal, type, { role: 'check', owner: signal.asVariable() });
  return signal;
}

/** n typed hints, the i-th computed by `hint(i)`. Example: `witnessArray(Bool, 8, (i) => H.bit(x, i), 'bit')`. */
export function witnessArray(type: ScalarType, length: number, hint: (i: number) => HintArg, label?: string): Signal[] {
  return Array.from({ length }, (_, i) => witness(type, hint(i), label ? `${label}_${i}` : undefined));
}

/**
 * Add the checks of `type` to x (what `witness` and declared inputs get automatically). Example: `assertType(x, UInt(8))`.
 */
export function assertType(x: Val, type: ScalarType, options: { role?: ConstraintRole; owner?: number; label?: string } = {}): void {
  const circuit = activeCircuit();
  const signal = Signal.from(x);
  const role = options.role ?? 'logic';
  const prefix = options.label ? `${options.label}: ` : '';
  switch (type.kind) {
    case 'field':
      return;
    case 'bool':
      circuit.assertQuadratic(signal, signal.sub(1), Signal.from(0), `${prefix}Bool check`, role, options.owner);
      return;
    case 'uint':
      circuit.assertRange(signal, type.bits, `${prefix}UInt(${type.bits}) check`, role, options.owner);
      return;
    case 'sint':
    case 'fixed':
      // shifting by 2^(bits−1) maps [−2^(bits−1), 2^(bits−1)) onto [0, 2^bits)
      circuit.assertRange(signal.add(1n << BigInt(type.bits - 1)), type.bits, `${prefix}${type.kind === 'sint' ? 'SInt' : 'Fixed'}(${type.bits}) check`, role, options.owner);
      return;
    default:
      return type satisfies never;
  }
}

/** Assert 0 ≤ x < 2^bits (a native range constraint; also `G.assertRange`). Example: `assertRange(x, 16)`. */
export function assertRange(x: Val, bits: number, label = `range ${bits}`): void {
  activeCircuit().assertRange(Signal.from(x), bits, label);
}
