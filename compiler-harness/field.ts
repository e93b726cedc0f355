import { P } from '../zksl/core/field.js';

/** The BN254 scalar field modulus: Circom's default prime and Noir's native field (defined once, in zksl). */
export const BN254_PRIME = P;

/**
 * Read one field element from JSON: a number, a decimal or 0x-hex string, or a bigint. Negative
 * values wrap to p − |x|, the convention for signed values in both Circom and Noir.
 */
export function toFieldElement(value: unknown, where: string, prime = BN254_PRIME): bigint {
  let n: bigint;
  if (typeof value === 'bigint') n = value;
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new TypeError(`${where}: ${value} is not a safe integer; write it as a string`);
    n = BigInt(value);
  } else if (typeof value === 'boolean') n = value ? 1n : 0n;
  else if (typeof value === 'string' && /^-?(0x[0-9a-fA-F]+|\d+)$/.test(value.trim())) {
    const text = value.trim();
    n = text.startsWith('-') ? -BigInt(text.slice(1)) : BigInt(text);
  } else throw new TypeError(`${where}: expected an integer (number or decimal string), got ${JSON.stringify(value)}`);
  // A value outside (−p, p) would silently wrap around: almost always a mistake in the vectors.
  if (n >= prime || -n >= prime) throw new TypeError(`${where}: ${n} is outside the field (its modulus is ${prime})`);
  return ((n % prime) + prime) % prime;
}

/** Map every leaf of a nested JSON value to a field element (arrays keep their shape). */
export function toFieldTree(value: unknown, where: string): FieldTree {
  if (Array.isArray(value)) return value.map((v, i) => toFieldTree(v, `${where}[${i}]`));
  return toFieldElement(value, where);
}

export type FieldTree = bigint | FieldTree[];

/** A field element as a signed integer when it is within ±(p−1)/2, for readable reports. */
export function toSignedString(value: bigint, prime = BN254_PRIME): string {
  return value > prime / 2n ? `-${prime - value}` : value.toString();
}
