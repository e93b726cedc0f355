import { describe, expect, it } from 'vitest';
import { BN254_PRIME } from '../field.js';
import { parseTestVectors, VectorsError } from './schema.js';

const problem = (json: unknown): string => {
  try {
    parseTestVectors(json, 'vectors.json');
  } catch (error) {
    expect(error).toBeInstanceOf(VectorsError);
    return (error as Error).message;
  }
  throw new Error('expected the vectors to be refused');
};

describe('test-vector values', () => {
  it('accepts integers as safe numbers, decimal and hex strings, negative values, nested arrays and structs', () => {
    const vectors = parseTestVectors({
      accept: [
        {
          inputs: { a: 3, b: '-12', c: '0xff', d: [[1, '2'], [3, 4]], s: { x: 1, inner: { ys: [5, 6] } }, e: (BN254_PRIME - 1n).toString() },
          outputs: { out: '-1' },
        },
      ],
      reject: [{ inputs: { a: 256 }, reason: 'too wide' }],
    });
    expect(vectors.accept[0].inputs.d).toEqual([[1, '2'], [3, 4]]);
  });

  it('names the file, the JSON path and the value that is not an integer', () => {
    expect(problem({ accept: [{ inputs: { a: 'abc', b: 1 } }] })).toBe('vectors.json: accept[0].inputs.a: "abc" is not an integer (write a number or a decimal string)');
    expect(problem({ reject: [{ inputs: { a: 1.5 }, reason: 'r' }] })).toBe('vectors.json: reject[0].inputs.a: 1.5 is not an integer');
    expect(problem({ accept: [{ inputs: { a: null } }] })).toMatch(/^vectors\.json: accept\[0\]\.inputs\.a: null is not an integer/);
    expect(problem({ accept: [{ inputs: { a: [1, [2, true]] } }] })).toBe('vectors.json: accept[0].inputs.a[1][1]: true is not an integer (write 1 or 0)');
    expect(problem({ forge: [{ inputs: { a: 1 }, outputs: { s: { x: '1e3' } }, reason: 'r' }] })).toMatch(/^vectors\.json: forge\[0\]\.outputs\.s\.x: "1e3" is not an integer/);
    expect(problem({ accept: [{ inputs: { a: ' 7' } }] })).toMatch(/inputs\.a: " 7" is not an integer/);
  });

  it('refuses numbers that lost precision and integers outside the field', () => {
    expect(problem({ accept: [{ inputs: { a: 2 ** 60 } }] })).toBe('vectors.json: accept[0].inputs.a: 1152921504606847000 is not a safe integer: write it as a decimal string');
    expect(problem({ accept: [{ inputs: { a: BN254_PRIME.toString() } }] })).toMatch(/^vectors\.json: accept\[0\]\.inputs\.a: "21888\d+…\d+495617" is outside the BN254 field/);
    expect(problem({ accept: [{ inputs: { a: `-${BN254_PRIME}` } }] })).toMatch(/outside the BN254 field/);
  });

  it('counts the other problems in one line', () => {
    expect(problem({ accept: [{ inputs: { a: 'x', b: 'y' } }] })).toMatch(/inputs\.a: .* \(and 1 more problem\)$/);
  });
});
