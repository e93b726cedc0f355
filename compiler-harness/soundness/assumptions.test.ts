import { describe, expect, it } from 'vitest';
import { BN254_PRIME } from '../field.js';
import { AssumptionError, breaks, parseAssumption, parseAssumptions, violatedBy } from './assumptions.js';

describe('assumptions: the --assume grammar', () => {
  it('reads upper and lower bounds, ranges, exclusions and element targets', () => {
    expect(parseAssumption('x < 2^8')).toMatchObject({ input: 'x', path: [], max: '255', bits: 8 });
    expect(parseAssumption('x<256')).toMatchObject({ max: '255', bits: 8 });
    expect(parseAssumption('x <= 255')).toMatchObject({ max: '255' });
    expect(parseAssumption('x < 2**64 - 1')).toMatchObject({ max: ((1n << 64n) - 2n).toString() });
    expect(parseAssumption('k >= 1')).toMatchObject({ min: '1' });
    expect(parseAssumption('k > 0x10')).toMatchObject({ min: '17' });
    expect(parseAssumption('y != 0')).toMatchObject({ input: 'y', notEqual: ['0'] });
    expect(parseAssumption('0 <= i < 16')).toMatchObject({ input: 'i', min: '0', max: '15' });
    expect(parseAssumption('48 <= date[*] <= 57')).toMatchObject({ input: 'date', path: ['*'], min: '48', max: '57' });
    expect(parseAssumption('in[i] < 2^8')).toMatchObject({ input: 'in', path: ['*'] });
    expect(parseAssumption('m[2][*] < 10')).toMatchObject({ input: 'm', path: [2, '*'], max: '9' });
  });

  it('names the bad assumption and the problem', () => {
    const problem = (text: string) => {
      try {
        parseAssumption(text);
      } catch (error) {
        expect(error).toBeInstanceOf(AssumptionError);
        return (error as Error).message;
      }
      throw new Error(`"${text}" parsed`);
    };
    expect(problem('')).toBe('assumption "": empty');
    expect(problem('x == 3')).toMatch(/equality is not a precondition/);
    expect(problem('x < n')).toBe('assumption "x < n": "n" is not a bound (write an integer, 2^k, or 2^k - 1)');
    expect(problem('x < 0')).toMatch(/nothing is below 0/);
    expect(problem('x < 2^300')).toMatch(/exponent 300/);
    expect(problem('10 <= x < 5')).toMatch(/the range is empty/);
    expect(problem('x[-1] < 3')).toMatch(/is not an input name/);
    expect(problem('x < 3 > 4')).toMatch(/expected "x < 2\^8"/);
  });

  it('judges values as integers in [0, p): "-1" breaks an upper bound', () => {
    const byte = parseAssumption('b[1] < 2^8');
    expect(breaks(byte, 255n)).toBe(false);
    expect(breaks(byte, 256n)).toBe(true);
    expect(breaks(byte, BN254_PRIME - 1n)).toBe(true);
    const all = parseAssumptions(['b[1] < 2^8', 'y != 0']);
    const inputs = { b: [300, 400], y: 0 };
    expect(violatedBy(all['b[1] < 2^8'], 'b[1] < 2^8', inputs, BN254_PRIME)).toEqual(['b[1] = 400']);
    expect(violatedBy(all['y != 0'], 'y != 0', inputs, BN254_PRIME)).toEqual(['y = 0']);
    expect(violatedBy(all['y != 0'], 'y != 0', { b: [1, 2], y: -5 }, BN254_PRIME)).toEqual([]);
  });
});
