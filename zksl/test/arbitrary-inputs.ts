/**
 * fast-check inputs for a sketch, built from its declared input types: mostly values inside each
 * type's range (full width and narrower, so products such as Fixed × Fixed often fit), with a
 * small share just outside it, where every implementation must refuse alike. Field inputs have no
 * declared range, so small values (indices, 8-bit ranges) are mixed with field-wide ones.
 */
import fc from 'fast-check';
import { P } from '../core/field.js';
import type { Params, Sketch } from '../core/sketch.js';
import { inputSpec, scalarOf, type ScalarType, type SignalType } from '../core/types.js';

/** Boundary values as decimal strings (negative means p − |x|), so bigints survive JSON and reports. */
type Decimal = string;

const between = (min: bigint, max: bigint): fc.Arbitrary<Decimal> => fc.bigInt({ min, max }).map(String);

function scalarArbitrary(type: ScalarType): fc.Arbitrary<Decimal> {
  switch (type.kind) {
    case 'field':
      return fc.oneof(
        { arbitrary: between(0n, 7n), weight: 4 },
        { arbitrary: between(0n, 1n << 16n), weight: 2 },
        { arbitrary: between(-(1n << 16n), -1n), weight: 1 },
        { arbitrary: between(0n, P - 1n), weight: 1 },
      );
    case 'bool':
      return fc.oneof({ arbitrary: between(0n, 1n), weight: 6 }, { arbitrary: fc.constantFrom('2', '-1'), weight: 1 });
    case 'uint': {
      const top = 1n << BigInt(type.bits);
      const narrow = 1n << BigInt(Math.ceil(type.bits / 2));
      return fc.oneof(
        { arbitrary: between(0n, top - 1n), weight: 4 },
        { arbitrary: between(0n, narrow), weight: 2 },
        { arbitrary: fc.oneof(between(top, top + 3n), between(-3n, -1n)), weight: 1 },
      );
    }
    case 'sint':
    case 'fixed': {
      const half = 1n << BigInt(type.bits - 1);
      const narrow = 1n << BigInt(Math.ceil(type.bits / 2) - 1);
      return fc.oneof(
        { arbitrary: between(-half, half - 1n), weight: 4 },
        { arbitrary: between(-narrow, narrow), weight: 2 },
        { arbitrary: fc.oneof(between(half, half + 3n), between(-half - 3n, -half - 1n)), weight: 1 },
      );
    }
    default:
      return type satisfies never;
  }
}

/** Inputs for every declared input of `sketch` (at `params`), with the declared array shapes. */
export function arbitraryInputs(sketch: Sketch, params: Params = {}): fc.Arbitrary<Record<string, unknown>> {
  const declared = sketch.inputs({ ...sketch.params, ...params });
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, type] of Object.entries(declared)) {
    const { scalar, shape } = scalarOf(inputSpec(type as SignalType).type);
    fields[name] = shape.reduceRight<fc.Arbitrary<unknown>>(
      (inner, length) => fc.array(inner, { minLength: length, maxLength: length }),
      scalarArbitrary(scalar),
    );
  }
  return fc.record(fields);
}

/** A reproducible list of inputs (same seed, same list), for tests that iterate rather than assert a property. */
export function sampleInputs(sketch: Sketch, options: { seed: number; count: number }): Record<string, unknown>[] {
  return fc.sample(arbitraryInputs(sketch), { seed: options.seed, numRuns: options.count });
}
