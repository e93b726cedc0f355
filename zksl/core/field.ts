/**
 * BN254 scalar field arithmetic on plain bigints. Every value the interpreter holds is canonical
 * (in [0, p)); negative numbers exist only at the boundary, where `toField` maps x < 0 to p − |x|.
 */

/** The BN254 scalar field modulus (the field Circom and Noir both use by default). */
export const P = 21888242871839275222246405745257275088548364400416034343698204186575808495617n;

/** Reduce any bigint into [0, p). Example: `mod(-1n) === P - 1n`. */
export function mod(x: bigint): bigint {
  const r = x % P;
  return r < 0n ? r + P : r;
}

/** Field inverse by Fermat; the inverse of 0 is defined as 0 (as in Circom's `1 / 0` hint idiom). */
export function inverse(x: bigint): bigint {
  const a = mod(x);
  if (a === 0n) return 0n;
  return power(a, P - 2n);
}

export function power(base: bigint, exponent: bigint): bigint {
  let result = 1n;
  let b = mod(base);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

/**
 * Parse a boundary value (number, bigint, decimal or 0x-hex string, possibly negative) into a
 * canonical field element. Throws a plain Error with the offending text when it is not a number.
 */
export function toField(value: unknown): bigint {
  if (typeof value === 'bigint') return mod(value);
  if (typeof value === 'boolean') return value ? 1n : 0n;
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not a safe integer: ${value}`);
    return mod(BigInt(value));
  }
  if (typeof value === 'string') {
    const text = value.trim();
    if (/^-?(0x[0-9a-fA-F]+|[0-9]+)$/.test(text)) {
      const negative = text.startsWith('-');
      const magnitude = BigInt(negative ? text.slice(1) : text);
      return mod(negative ? -magnitude : magnitude);
    }
  }
  throw new Error(`not a field element: ${JSON.stringify(value)}`);
}

/**
 * An input value as a field element, refusing anything outside (−p, p): Circom's witness generator
 * and Noir's ABI encoder refuse such values too, so a sketch must not quietly reduce them.
 * Example: `inputToField('-3') === P - 3n`; `inputToField(P)` throws.
 */
export function inputToField(value: unknown): bigint {
  const element = toField(value);
  // toField accepted it, so a string here is a (signed) decimal or hex integer; numbers are safe integers.
  const magnitude = typeof value === 'bigint' ? value : typeof value === 'string' ? BigInt(value.trim().replace(/^-/, '')) : 0n;
  if ((magnitude < 0n ? -magnitude : magnitude) >= P) throw new Error(`${String(value)} is outside the field (|x| must be below p)`);
  return element;
}

/** Read a canonical element as a signed integer: values above p/2 are negative. Example: `toSigned(P - 3n) === -3n`. */
export function toSigned(x: bigint): bigint {
  const a = mod(x);
  return a > P / 2n ? a - P : a;
}

/** Number of bits needed to write n − 1, i.e. to index a domain of size n (at least 1). */
export function bitsFor(size: number): number {
  let bits = 1;
  while (2 ** bits < size) bits++;
  return bits;
}
