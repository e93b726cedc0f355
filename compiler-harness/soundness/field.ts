/**
 * Prime-field arithmetic on plain bigints for the soundness analysis. The analysis must agree with
 * the constraint system to the last bit (a counterexample is only real if every constraint holds
 * exactly mod p), so everything here is exact and reduces eagerly.
 */

export function mod(value: bigint, p: bigint): bigint {
  const r = value % p;
  return r < 0n ? r + p : r;
}

export function modPow(base: bigint, exponent: bigint, p: bigint): bigint {
  let result = 1n;
  let b = mod(base, p);
  let e = exponent;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % p;
    b = (b * b) % p;
    e >>= 1n;
  }
  return result;
}

/** Inverse by extended Euclid; `value` must be non-zero mod p. */
export function modInverse(value: bigint, p: bigint): bigint {
  let [a, b] = [mod(value, p), p];
  let [x0, x1] = [1n, 0n];
  if (a === 0n) throw new RangeError('no inverse of zero');
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x0, x1] = [x1, x0 - q * x1];
  }
  return mod(x0, p);
}

/** Per prime: p − 1 = q·2^s and a non-residue z, found once (the search dominates otherwise). */
const sqrtSetup = new Map<bigint, { q: bigint; s: bigint; z: bigint }>();

function setupFor(p: bigint): { q: bigint; s: bigint; z: bigint } {
  let setup = sqrtSetup.get(p);
  if (!setup) {
    let q = p - 1n;
    let s = 0n;
    while ((q & 1n) === 0n) {
      q >>= 1n;
      s += 1n;
    }
    let z = 2n;
    while (modPow(z, (p - 1n) / 2n, p) !== p - 1n) z += 1n;
    setup = { q, s, z };
    sqrtSetup.set(p, setup);
  }
  return setup;
}

/** A square root of `value` mod the odd prime p (Tonelli–Shanks), or undefined for a non-residue. */
export function modSqrt(value: bigint, p: bigint): bigint | undefined {
  const n = mod(value, p);
  if (n === 0n || n === 1n) return n; // booleans x·(x − 1) = 0 have discriminant 1: the common case
  if (modPow(n, (p - 1n) / 2n, p) !== 1n) return undefined;
  const { q, s, z } = setupFor(p);
  let m = s;
  let c = modPow(z, q, p);
  let t = modPow(n, q, p);
  let r = modPow(n, (q + 1n) / 2n, p);
  while (t !== 1n) {
    let i = 0n;
    let t2 = t;
    while (t2 !== 1n) {
      t2 = (t2 * t2) % p;
      i += 1n;
    }
    const b = modPow(c, 1n << (m - i - 1n), p);
    m = i;
    c = (b * b) % p;
    t = (t * c) % p;
    r = (r * b) % p;
  }
  return r;
}

/**
 * Roots of a·x² + b·x + c = 0 mod p. A double root is returned once; `undefined` means "every
 * value" (the polynomial is identically zero), an empty array means "no value".
 */
export function polynomialRoots(a: bigint, b: bigint, c: bigint, p: bigint): bigint[] | undefined {
  if (a === 0n) {
    if (b === 0n) return c === 0n ? undefined : [];
    return [mod(-c * modInverse(b, p), p)];
  }
  const discriminant = mod(b * b - 4n * a * c, p);
  const root = modSqrt(discriminant, p);
  if (root === undefined) return [];
  const inverse = modInverse(2n * a, p);
  const r1 = mod((-b + root) * inverse, p);
  const r2 = mod((-b - root) * inverse, p);
  return r1 === r2 ? [r1] : [r1, r2];
}

/** The representative in (−p/2, p/2]: how circom compares field elements, and small for "negative" values. */
export function signed(value: bigint, p: bigint): bigint {
  return value > p / 2n ? value - p : value;
}

/** A deterministic pseudo-random field element (xorshift on a seed), so reports are reproducible. */
export function seededElements(seed: number, count: number, p: bigint): bigint[] {
  let state = BigInt(seed) | 1n;
  const out: bigint[] = [];
  const mask = (1n << 64n) - 1n;
  for (let i = 0; i < count; i++) {
    let value = 0n;
    for (let limb = 0; limb < 4; limb++) {
      state ^= (state << 13n) & mask;
      state ^= state >> 7n;
      state ^= (state << 17n) & mask;
      value = (value << 64n) | state;
    }
    out.push(mod(value, p));
  }
  return out;
}
