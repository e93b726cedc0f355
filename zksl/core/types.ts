/**
 * Signal type descriptors. A type is data, not a class: it says how a boundary value is read and
 * which checks a value of that type must satisfy. Those checks are added whenever a typed value is
 * created from outside the circuit's own arithmetic (an input or a hint), never silently skipped.
 */

export type ScalarType =
  | { kind: 'field' }
  | { kind: 'bool' }
  | { kind: 'uint'; bits: number }
  | { kind: 'sint'; bits: number }
  | { kind: 'fixed'; bits: number; scale: number };

export interface ArrayType<T extends SignalType = SignalType> {
  kind: 'array';
  of: T;
  length: number;
}

export type SignalType = ScalarType | ArrayType;

/** Marks an input public; inputs are private unless wrapped. */
export interface InputSpec<T extends SignalType = SignalType> {
  type: T;
  public: boolean;
}

/** Any field element; no check. Example: `inputs: { x: Field }`. */
export const Field: ScalarType = { kind: 'field' };

/** 0 or 1; checked by b·(b − 1) = 0. Example: `witness(Bool, H.isZero(x))`. */
export const Bool: ScalarType = { kind: 'bool' };

/** Unsigned integer below 2^bits; checked by a range constraint. Example: `UInt(8)`. */
export function UInt(bits: number): ScalarType {
  checkBits(bits, 'UInt');
  return { kind: 'uint', bits };
}

/**
 * Signed integer in [−2^(bits−1), 2^(bits−1)), negative x stored as p − |x|; checked by
 * range(x + 2^(bits−1), bits). Example: `SInt(16)` accepts "-5".
 */
export function SInt(bits: number): ScalarType {
  checkBits(bits, 'SInt');
  return { kind: 'sint', bits };
}

/**
 * Signed fixed point: an SInt(bits) raw value r meaning r / 2^scale. Example: `Fixed(16, 8)`
 * holds 1.5 as raw 384.
 */
export function Fixed(bits: number, scale: number): ScalarType {
  checkBits(bits, 'Fixed');
  if (!Number.isInteger(scale) || scale < 0 || scale >= bits) {
    throw new Error(`Fixed(${bits}, ${scale}): scale must be an integer in [0, bits)`);
  }
  return { kind: 'fixed', bits, scale };
}

/** Fixed-length array of a type. Example: `Arr(SInt(8), n)`. */
export function Arr<T extends SignalType>(of: T, length: number): ArrayType<T> {
  if (!Number.isInteger(length) || length < 1) throw new Error(`Arr length must be a positive integer, got ${length}`);
  return { kind: 'array', of, length };
}

/** Tensor as nested arrays, outermost dimension first. Example: `Tensor(UInt(8), [2, 3])`. */
export function Tensor<T extends SignalType>(of: T, shape: readonly [number]): ArrayType<T>;
export function Tensor<T extends SignalType>(of: T, shape: readonly [number, number]): ArrayType<ArrayType<T>>;
export function Tensor<T extends SignalType>(of: T, shape: readonly [number, number, number]): ArrayType<ArrayType<ArrayType<T>>>;
export function Tensor(of: SignalType, shape: readonly number[]): SignalType;
export function Tensor(of: SignalType, shape: readonly number[]): SignalType {
  return shape.reduceRight<SignalType>((inner, length) => Arr(inner, length), of);
}

/** Public input marker. Example: `inputs: { root: pub(Field), leaf: Field }`. */
export function pub<T extends SignalType>(type: T): InputSpec<T> {
  return { type, public: true };
}

export function inputSpec(value: SignalType | InputSpec): InputSpec {
  return 'type' in value && 'public' in value ? value : { type: value as SignalType, public: false };
}

function checkBits(bits: number, name: string): void {
  // 252 keeps 2^bits below p, so a range check means what it says
  if (!Number.isInteger(bits) || bits < 1 || bits > 252) {
    throw new Error(`${name}(${bits}): bits must be an integer in [1, 252]`);
  }
}

/** The scalar at the bottom of an array type, and the array shape above it. */
export function scalarOf(type: SignalType): { scalar: ScalarType; shape: number[] } {
  const shape: number[] = [];
  let t = type;
  while (t.kind === 'array') {
    shape.push(t.length);
    t = t.of;
  }
  return { scalar: t, shape };
}

export function describeType(type: SignalType): string {
  switch (type.kind) {
    case 'field':
      return 'Field';
    case 'bool':
      return 'Bool';
    case 'uint':
      return `UInt(${type.bits})`;
    case 'sint':
      return `SInt(${type.bits})`;
    case 'fixed':
      return `Fixed(${type.bits}, ${type.scale})`;
    case 'array':
      return `Arr(${describeType(type.of)}, ${type.length})`;
    default:
      return type satisfies never;
  }
}

/** True for types whose value is read as signed when decoded for people. */
export function isSigned(type: ScalarType): boolean {
  return type.kind === 'sint' || type.kind === 'fixed';
}
