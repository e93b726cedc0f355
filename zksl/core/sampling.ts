/**
 * Values of declared input types, for deriving test vectors: boundaries, small and random values
 * inside each type, and values just outside it. Field inputs have no range of their own (a body
 * often range-checks them to some width), so they draw small values and values of random widths.
 */
import { P } from './field.js';
import type { Params, Sketch } from './sketch.js';
import { describeType, inputSpec, type ScalarType, type SignalType } from './types.js';

/** How a value is drawn: the type's lowest, its highest, a small one near zero, or uniform. */
export type SampleMode = 'low' | 'high' | 'small' | 'random';

/** The declared inputs of a sketch at `params` (defaults filled in), by name. Example: `declaredInputs(divMod, { bits: 8 })`. */
export function declaredInputs(sketch: Sketch, params: Params = {}): [string, SignalType][] {
  const declared = sketch.inputs({ ...sketch.params, ...params }) as Record<string, SignalType>;
  return Object.entries(declared).map(([name, value]) => [name, inputSpec(value).type]);
}

/** Inclusive bounds of a scalar type as integers (signed types negative below zero), or undefined for Field. Example: `typeBounds(UInt(8))` is `[0n, 255n]`. */
export function typeBounds(type: ScalarType): [bigint, bigint] | undefined {
  switch (type.kind) {
    case 'bool':
      return [0n, 1n];
    case 'uint':
      return [0n, (1n << BigInt(type.bits)) - 1n];
    case 'sint':
    case 'fixed':
      return [-(1n << BigInt(type.bits - 1)), (1n << BigInt(type.bits - 1)) - 1n];
    case 'field':
      return undefined;
    default:
      return type satisfies never;
  }
}

/** A uniform integer in [0, size), from a `random()` in [0, 1). */
export function uniformBelow(random: () => number, size: bigint): bigint {
  let value = 0n;
  for (let bits = 0; bits < size.toString(2).length + 16; bits += 16) value = (value << 16n) | BigInt(Math.floor(random() * 65536));
  return value % size;
}

/** One value of `type` (arrays element by element). Example: `sampleValue(UInt(8), Math.random, 'high')` is `255n`. */
export function sampleValue(type: SignalType, random: () => number, mode: SampleMode): unknown {
  if (type.kind === 'array') return Array.from({ length: type.length }, () => sampleValue(type.of, random, mode));
  const bounds = typeBounds(type);
  if (!bounds) {
    if (mode === 'low') return 0n;
    if (mode === 'high') return P - 1n;
    if (mode === 'small') return BigInt(Math.floor(random() * 17));
    return uniformBelow(random, 1n << BigInt(1 + Math.floor(random() * 64)));
  }
  const [low, high] = bounds;
  if (mode === 'low') return low;
  if (mode === 'high') return high;
  if (mode === 'small') {
    const value = BigInt(Math.floor(random() * 17) - 8);
    return value < low ? low : value > high ? high : value;
  }
  return low + uniformBelow(random, high - low + 1n);
}

/**
 * Inputs for one case: every declared input drawn in `mode`. Example:
 * `sampleInputsOfTypes(declaredInputs(divMod), random, 'random')`.
 */
export function sampleInputsOfTypes(inputs: [string, SignalType][], random: () => number, mode: SampleMode): Record<string, unknown> {
  return Object.fromEntries(inputs.map(([name, type]) => [name, sampleValue(type, random, mode)]));
}

/**
 * Values just outside a type (above its highest; below its lowest for signed types), each with the
 * reason. Arrays: the first element outside, the others `null` (holes to fill from a valid input).
 * Field: none. Example: `outsideValues(UInt(8))` is `[{ value: 256n, text: ' = 256 is outside UInt(8)' }]`.
 */
export function outsideValues(type: SignalType): { value: unknown; text: string }[] {
  if (type.kind === 'array') {
    return outsideValues(type.of).map((o) => ({ value: [o.value, ...Array.from({ length: type.length - 1 }, () => null)], text: `[0]${o.text}` }));
  }
  const bounds = typeBounds(type);
  if (!bounds) return [];
  const [low, high] = bounds;
  const values = low < 0n ? [high + 1n, low - 1n] : [high + 1n];
  return values.map((value) => ({ value, text: ` = ${value} is outside ${describeType(type)}` }));
}
