/**
 * The gadget namespace `G`: plain functions gathered in one place. Gadgets assert rather than return
 * flags where asserting is the natural form (`assertLessThan`, `divMod`, `lookup`).
 */
import { strictNamespace } from '../core/namespace.js';
import { divMod, fixedMul, innerProduct, rescale, sum } from './arith.js';
import { assertRange, defineTable, fromBits, lookup, toBits, toDigits } from './bits.js';
import { poseidon } from './hash.js';
import {
  argmax,
  assertLessOrEqual,
  assertLessThan,
  assertNotZero,
  isEqual,
  isNegative,
  isZero,
  lessOrEqual,
  lessThan,
  lessThanSigned,
  max,
  min,
  mux,
  relu,
  select,
} from './compare.js';

export const G = strictNamespace('G', {
  toBits,
  fromBits,
  toDigits,
  assertRange,
  isZero,
  isEqual,
  assertNotZero,
  lessThan,
  lessOrEqual,
  lessThanSigned,
  isNegative,
  assertLessThan,
  assertLessOrEqual,
  select,
  mux,
  max,
  min,
  argmax,
  relu,
  sum,
  innerProduct,
  divMod,
  fixedMul,
  rescale,
  defineTable,
  lookup,
  poseidon,
});

export type { CompareOptions } from './compare.js';
export type { FixedOptions } from './arith.js';
