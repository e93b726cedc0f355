/**
 * Zero tests, comparisons and what is built on them (select/mux, max/min/argmax, ReLU). The
 * less-than family assumes its inputs are already range-checked to `bits` (inputs typed
 * UInt(bits)/SInt(bits) are); it is unsound on unchecked field elements.
 */
import { Signal, sum, type Val } from '../core/signal.js';
import { Bool, Field } from '../core/types.js';
import { assertRange, H, witness, witnessArray } from '../core/hint.js';

/** 1 if x = 0 else 0 (an inverse hint and two constraints). Example: `const z = G.isZero(x)`. */
export function isZero(x: Val): Signal {
  const value = Signal.from(x);
  if (value.isConstant()) return Signal.from(value.constant === 0n ? 1 : 0);
  const inverse = witness(Field, H.inv(value), 'inv');
  // out = 1 − x·inv is 1 for x = 0; x·out = 0 forces out = 0 whenever x ≠ 0
  const out = Signal.from(1).sub(value.mul(inverse));
  value.assertMul(out, 0, 'isZero');
  return out;
}

/** 1 if a = b else 0. Example: `const same = G.isEqual(a, b)`. */
export function isEqual(a: Val, b: Val): Signal {
  return isZero(Signal.from(a).sub(b));
}

/** Assert x ≠ 0 (x·inv = 1). Example: `G.assertNotZero(divisor)`. */
export function assertNotZero(x: Val): void {
  const value = Signal.from(x);
  const inverse = witness(Field, H.inv(value), 'inv');
  value.assertMul(inverse, 1, 'assertNotZero');
}

/**
 * 1 if a < b else 0, for a, b in [0, 2^bits), bits ≤ 128 (one Bool hint, one product, one range).
 * Example: `const lt = G.lessThan(a, b, 8)`.
 */
export function lessThan(a: Val, b: Val, bits: number): Signal {
  const [x, y] = [Signal.from(a), Signal.from(b)];
  const lt = witness(Bool, H.lt(x, y), 'lt');
  // lt = 1 needs b − a − 1 ≥ 0, lt = 0 needs a − b ≥ 0; a wrong lt makes the difference negative
  const difference = x.sub(y).add(lt.mul(y.sub(x).scale(2).sub(1)));
  assertRange(difference, bits, `lessThan(${bits})`);
  return lt;
}

/** 1 if a ≤ b else 0, for a, b in [0, 2^bits). Example: `G.lessOrEqual(a, b, 8)`. */
export function lessOrEqual(a: Val, b: Val, bits: number): Signal {
  return Signal.from(1).sub(lessThan(b, a, bits));
}

/** 1 if a < b for signed a, b in SInt(bits). Example: `G.lessThanSigned(x, y, 16)`. */
export function lessThanSigned(a: Val, b: Val, bits: number): Signal {
  const shift = 1n << BigInt(bits - 1);
  return lessThan(Signal.from(a).add(shift), Signal.from(b).add(shift), bits);
}

/** 1 if signed x < 0. Example: `const negative = G.isNegative(x, 16)`. */
export function isNegative(x: Val, bits: number): Signal {
  return lessThanSigned(x, 0, bits);
}

/** Assert a < b for a, b in [0, 2^bits) (one range constraint). Example: `G.assertLessThan(r, b, 8)`. */
export function assertLessThan(a: Val, b: Val, bits: number): void {
  assertRange(Signal.from(b).sub(a).sub(1), bits, `assertLessThan(${bits})`);
}

/** Assert a ≤ b for a, b in [0, 2^bits). Example: `G.assertLessOrEqual(x, limit, 16)`. */
export function assertLessOrEqual(a: Val, b: Val, bits: number): void {
  assertRange(Signal.from(b).sub(a), bits, `assertLessOrEqual(${bits})`);
}

/** c ? a : b for a Bool c (one product). Example: `G.select(isNeg, 0, x)`. */
export function select(c: Val, a: Val, b: Val): Signal {
  const other = Signal.from(b);
  return other.add(Signal.from(c).mul(Signal.from(a).sub(other)));
}

/**
 * values[index]; asserts 0 ≤ index < values.length (n one-hot Bool selectors, n products).
 * Example: `G.mux(i, [a, b, c])`.
 */
export function mux(index: Val, values: readonly Val[]): Signal {
  nonEmpty(values, 'mux');
  const i = Signal.from(index);
  const selectors = witnessArray(Bool, values.length, (k) => H.isZero(H.sub(i, k)), 'sel');
  sum(selectors).assertEquals(1, 'mux one-hot');
  sum(selectors.map((s, k) => s.scale(k))).assertEquals(i, 'mux index');
  return sum(selectors.map((s, k) => s.mul(values[k])));
}

function nonEmpty(values: readonly Val[], gadget: string): void {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`${gadget} needs a non-empty array of values`);
}

export interface CompareOptions {
  /** Every value is range-checked to this many bits (signed: SInt(bits)). */
  bits: number;
  signed?: boolean;
}

function less(a: Val, b: Val, options: CompareOptions): Signal {
  return options.signed ? lessThanSigned(a, b, options.bits) : lessThan(a, b, options.bits);
}

/**
 * Maximum and the index of its first occurrence (n − 1 comparisons).
 * Example: `const { max, index } = G.argmax(xs, { bits: 8, signed: true })`.
 */
export function argmax(values: readonly Val[], options: CompareOptions): { max: Signal; index: Signal } {
  nonEmpty(values, 'argmax');
  let best = Signal.from(values[0]);
  let index = Signal.from(0);
  for (let k = 1; k < values.length; k++) {
    // strict: a later equal value does not replace the first maximum
    const better = less(best, values[k], options);
    best = select(better, values[k], best);
    index = select(better, k, index);
  }
  return { max: best, index };
}

/** Maximum of values range-checked to UInt(bits), or SInt(bits) with `signed: true` (as in argmax, max, min). Example: `G.max(xs, { bits: 8 })`. */
export function max(values: readonly Val[], options: CompareOptions): Signal {
  nonEmpty(values, 'max');
  let best = Signal.from(values[0]);
  for (let k = 1; k < values.length; k++) best = select(less(best, values[k], options), values[k], best);
  return best;
}

/** Minimum of range-checked values. Example: `G.min(xs, { bits: 8 })`. */
export function min(values: readonly Val[], options: CompareOptions): Signal {
  nonEmpty(values, 'min');
  let best = Signal.from(values[0]);
  for (let k = 1; k < values.length; k++) best = select(less(values[k], best, options), values[k], best);
  return best;
}

/** max(x, 0) for signed x in SInt(bits). Example: `xs.map((x) => G.relu(x, 16))`. */
export function relu(x: Val, bits: number): Signal {
  return select(lessThanSigned(x, 0, bits), 0, x);
}
