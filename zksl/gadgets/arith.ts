/** Integer and fixed-point arithmetic: sums, inner products, division with remainder, rescaling. */
import { Signal, sum, type Val } from '../core/signal.js';
import { SInt, UInt } from '../core/types.js';
import { H, witness } from '../core/hint.js';
import { assertLessThan } from './compare.js';

export { sum };

/** Σ a[i]·b[i] (one product per pair). Example: `G.innerProduct(weights, xs)`. */
export function innerProduct(a: readonly Val[], b: readonly Val[]): Signal {
  if (a.length !== b.length) throw new Error(`innerProduct: lengths differ (${a.length} vs ${b.length})`);
  return sum(a.map((x, i) => Signal.from(x).mul(b[i])));
}

/**
 * a = quotient·b + remainder with remainder < b (so b ≠ 0), for a, b in [0, 2^bits), bits ≤ 126.
 * Example: `const { quotient, remainder } = G.divMod(a, b, 8)`.
 */
export function divMod(a: Val, b: Val, bits: number): { quotient: Signal; remainder: Signal } {
  const [x, y] = [Signal.from(a), Signal.from(b)];
  const quotient = witness(UInt(bits), H.div(x, y), 'quotient');
  const remainder = witness(UInt(bits), H.mod(x, y), 'remainder');
  // no wrap-around: quotient·b + remainder < 2^(2·bits+1) < p
  quotient.mul(y).add(remainder).assertEquals(x, 'divMod: a = q·b + r');
  assertLessThan(remainder, y, bits);
  return { quotient, remainder };
}

export interface FixedOptions {
  /** Total bits of the signed raw values (inputs and result are Fixed(bits, scale)), bits ≤ 63. */
  bits: number;
  /** Fractional bits, ≥ 1. */
  scale: number;
}

/**
 * Fixed-point product a·b / 2^scale rounded to nearest, ties up: floor((a·b + 2^(scale−1)) /
 * 2^scale); asserts the result fits Fixed(bits, scale).
 * Example: `G.fixedMul(a, b, { bits: 16, scale: 8 })` maps raw 384 (1.5) · 512 (2.0) to 768 (3.0).
 */
export function fixedMul(a: Val, b: Val, options: FixedOptions): Signal {
  const { bits, scale } = options;
  if (scale < 1 || bits > 63) throw new Error('fixedMul: needs scale ≥ 1 and bits ≤ 63');
  // the offset makes the signed product non-negative so integer hints see a small integer
  const offset = 1n << BigInt(2 * bits - 1);
  const shifted = Signal.from(a).mul(b).add(offset + (1n << BigInt(scale - 1)));
  const unit = 1n << BigInt(scale);
  const result = witness(SInt(bits), H.sub(H.div(shifted, unit), offset >> BigInt(scale)), 'rescaled');
  const remainder = witness(UInt(scale), H.mod(shifted, unit), 'dropped');
  result.add(offset >> BigInt(scale)).scale(unit).add(remainder).assertEquals(shifted, 'fixedMul rescale');
  return result;
}

/**
 * x / 2^shift, rounded as in fixedMul, for x in SInt(inBits); asserts the result fits
 * SInt(outBits). Example: `G.rescale(acc, { inBits: 32, outBits: 16, shift: 8 })`.
 */
export function rescale(x: Val, options: { inBits: number; outBits: number; shift: number }): Signal {
  const { inBits, outBits, shift } = options;
  // integer hints read 128 bits, and the offset must stay a multiple of 2^shift
  if (shift < 1 || shift > inBits || inBits > 125) throw new Error('rescale: needs 1 ≤ shift ≤ inBits ≤ 125');
  const offset = 1n << BigInt(inBits);
  const shifted = Signal.from(x).add(offset + (1n << BigInt(shift - 1)));
  const unit = 1n << BigInt(shift);
  const result = witness(SInt(outBits), H.sub(H.div(shifted, unit), offset >> BigInt(shift)), 'rescaled');
  const remainder = witness(UInt(shift), H.mod(shifted, unit), 'dropped');
  result.add(offset >> BigInt(shift)).scale(unit).add(remainder).assertEquals(shifted, 'rescale');
  return result;
}
