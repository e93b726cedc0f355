import { describe, expect, it } from 'vitest';
import { BN254_PRIME, toFieldElement, toSignedString } from './field.js';

describe('field elements', () => {
  it('uses the BN254 scalar field modulus', () => {
    expect(BN254_PRIME.toString(16)).toBe('30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001');
  });

  it('reads numbers, decimal and hex strings; negatives wrap to p - |x|', () => {
    expect(toFieldElement(7, 'x')).toBe(7n);
    expect(toFieldElement('0x10', 'x')).toBe(16n);
    expect(toFieldElement(-1, 'x')).toBe(BN254_PRIME - 1n);
    expect(toFieldElement(' -33 ', 'x')).toBe(BN254_PRIME - 33n);
    expect(toSignedString(BN254_PRIME - 5n)).toBe('-5');
  });

  it('names the value and where it was when it is not an integer', () => {
    expect(() => toFieldElement('1.5', 'inputs.a')).toThrow(/inputs\.a: expected an integer/);
    expect(() => toFieldElement(2 ** 60, 'inputs.a')).toThrow(/not a safe integer/);
  });
});
