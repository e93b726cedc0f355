/**
 * Fixed-point helpers shared by the quantizer, the interpreter and the circuits' constants. Every
 * rounding is named: `quantizeValue` rounds to nearest (ties toward +infinity, Math.round), and
 * `floorShift` floors toward -infinity, as the rescale circuits prove.
 */

/** round(value * 2^scale) as an integer. */
export function quantizeValue(value: number, scale: number): bigint {
  return BigInt(Math.round(value * 2 ** scale));
}

export function dequantizeValue(value: bigint, scale: number): number {
  return Number(value) / 2 ** scale;
}

/** floor(value / 2^shift), toward -infinity for negatives (an arithmetic shift). */
export function floorShift(value: bigint, shift: number): bigint {
  return value >> BigInt(shift);
}

/** floor(a / b) for b > 0. */
export function floorDivide(a: bigint, b: bigint): bigint {
  const quotient = a / b;
  return a % b !== 0n && a < 0n ? quotient - 1n : quotient;
}

export function fitsSigned(value: bigint, bits: number): boolean {
  const half = 1n << BigInt(bits - 1);
  return value >= -half && value < half;
}

/** A signed integer as a BN254 field element (p - |x| for negatives), decimal. */
export function toFieldString(value: bigint, prime: bigint): string {
  return (value < 0n ? prime + value : value).toString();
}

/** A decimal field element back to a signed integer (values above p/2 are negatives). */
export function fromFieldString(value: string, prime: bigint): bigint {
  const element = BigInt(value);
  return element > prime / 2n ? element - prime : element;
}
