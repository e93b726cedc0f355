import { describe, expect, it } from 'vitest';
import { parametersFromTask, readTaskParameters } from './task-parameters.js';
import { readQuantities, withoutQuantities } from './task-quantities.js';

const softmax = [{ name: 'n', default: 4, description: 'row length' }, { name: 'bits', default: 8, description: 'signed width of the logits' }];
const rangeCheck = [{ name: 'bits', default: 8, description: 'x must be below 2^bits' }];
const dense = [
  { name: 'm', default: 2, description: 'outputs' },
  { name: 'n', default: 3, description: 'inputs' },
  { name: 'bits', default: 8, description: 'signed width of every value' },
  { name: 'frac', default: 4, description: 'fractional bits' },
];
const values = (task: string, parameters: typeof softmax) => Object.fromEntries(readTaskParameters(task, parameters).stated.map((s) => [s.name, s.value]));

describe('parametersFromTask', () => {
  it('reads counts and widths from plain words', () => {
    expect(parametersFromTask('softmax over 8 values with 16-bit logits', softmax)).toEqual([
      { name: 'bits', value: 16, phrase: '16-bit' },
      { name: 'n', value: 8, phrase: '8 values' },
    ]);
  });

  it('prefers an explicit assignment', () => {
    expect(parametersFromTask('softmax, n=3', softmax)).toEqual([{ name: 'n', value: 3, phrase: 'n=3' }]);
    expect(parametersFromTask('merkle proof of depth 5', [{ name: 'depth', default: 3 }])).toEqual([{ name: 'depth', value: 5, phrase: 'depth 5' }]);
  });

  it('states nothing when the task gives no numbers', () => {
    expect(readTaskParameters('softmax lookup', softmax)).toEqual({ stated: [], unmatched: [] });
  });
});

describe('readTaskParameters', () => {
  it('reads a width from every common spelling, bounds included', () => {
    for (const task of ['range check x < 2^16', 'x < 65536', 'x <= 65535', 'at most 2^16 - 1', 'a 16-bit value', '16 bits', 'uint16', 'u16', 'bits=16', 'in [0, 2^16)', 'sixteen-bit']) {
      expect(readTaskParameters(task, rangeCheck), task).toEqual({ stated: [expect.objectContaining({ name: 'bits', value: 16 })], unmatched: [] });
    }
    // A bound that is not a power of two, or an inclusive 2^16 (17 bits), is no width.
    expect(readTaskParameters('x < 1000', rangeCheck).unmatched).toEqual([{ value: 1000, phrase: '< 1000', wanted: 'a bound that is not a power of two', ambiguous: [] }]);
    expect(readTaskParameters('x <= 2^16', rangeCheck).stated).toEqual([]);
  });

  it('refuses a signedness the width parameter does not have', () => {
    expect(readTaskParameters('range check an int8', rangeCheck).unmatched).toEqual([
      { value: 0, phrase: 'signed', wanted: 'signed values', ambiguous: [], conflicts: 'bits (x must be below 2^bits) is unsigned' },
    ]);
    expect(readTaskParameters('softmax over unsigned bytes', softmax).unmatched[0]).toMatchObject({ wanted: 'unsigned values' });
    expect(readTaskParameters('softmax over signed 16-bit logits', softmax)).toEqual({ stated: [{ name: 'bits', value: 16, phrase: '16-bit' }], unmatched: [] });
  });

  it('knows a width parameter by its description when its name is n', () => {
    const bitwise = [{ name: 'n', default: 8, description: 'word width in bits' }];
    expect(readTaskParameters('mask the low bits of a 32 bit word', bitwise).stated).toEqual([{ name: 'n', value: 32, phrase: '32 bit' }]);
    // n is a width here, not a count: "over 8 values" is not for it.
    expect(readTaskParameters('and over 8 values', bitwise)).toEqual({ stated: [], unmatched: [{ value: 8, phrase: '8 values', wanted: 'a number of elements', ambiguous: [] }] });
  });

  it('reads "by 3 bits" as a shift amount, not a width', () => {
    const shift = [{ name: 'n', default: 8, description: 'width of x in bits' }, { name: 'k', default: 3, description: 'shift amount (constant)' }];
    expect(values('shift a 16-bit word right by 5 bits', shift)).toEqual({ k: 5, n: 16 });
  });

  it('reads an exponent from x^7, "to the power 7" and "7th power"; a bound like 2^16 is no exponent', () => {
    const pow = [{ name: 'e', default: 5, description: 'constant exponent' }];
    for (const task of ['x^7', 'x**7', 'x to the power of 7', 'raise x to the 7th power', 'exponent 7']) {
      expect(readTaskParameters(task, pow), task).toEqual({ stated: [expect.objectContaining({ name: 'e', value: 7 })], unmatched: [] });
    }
    expect(readTaskParameters('prove x fits in 2^16', pow)).toEqual({ stated: [], unmatched: [{ value: 16, phrase: 'fits in 2^16', wanted: 'an upper bound on the values', ambiguous: [] }] });
  });

  it('tells two count parameters apart by the noun, and says when it cannot', () => {
    expect(values('a dense layer with 4 inputs and 3 outputs', dense)).toEqual({ n: 4, m: 3 });
    expect(values('dense layer 4 -> 3', dense)).toEqual({ n: 4, m: 3 });
    expect(values('dense layer with four inputs and three outputs, 16-bit values and 8 fractional bits', dense)).toEqual({ n: 4, m: 3, bits: 16, frac: 8 });
    expect(readTaskParameters('a dense layer over 8 values', dense)).toEqual({ stated: [], unmatched: [{ value: 8, phrase: '8 values', wanted: 'a number of elements', ambiguous: ['m', 'n'] }] });
    // 4x3 is a matrix shape whose order is a convention: no guess.
    expect(readTaskParameters('dense 4x3', dense)).toEqual({ stated: [], unmatched: [{ value: 4, phrase: '4x3', wanted: 'a matrix shape', ambiguous: [] }] });
  });

  it('reads a matrix product from its two shapes, and refuses shapes that do not chain', () => {
    const matmul = [
      { name: 'm', default: 2, description: 'rows of a' },
      { name: 'k', default: 2, description: 'columns of a = rows of b' },
      { name: 'n', default: 2, description: 'columns of b' },
    ];
    expect(values('multiply a 2x3 matrix by a 3x4 matrix', matmul)).toEqual({ m: 2, k: 3, n: 4 });
    expect(values('product of two 4×4 matrices', matmul)).toEqual({ m: 4, k: 4, n: 4 });
    expect(readTaskParameters('matmul 2x3 times 4x2', matmul).unmatched).toHaveLength(2);
  });

  it('contradicting values of one parameter are not resolved by picking one', () => {
    expect(readTaskParameters('compare a 16-bit and an 8-bit value', rangeCheck).unmatched).toEqual([
      { value: 8, phrase: '8-bit', wanted: 'a width in bits', ambiguous: [], conflicts: 'bits=16 ("16-bit")' },
    ]);
  });

  it('returns every quantity no parameter takes, numbers in no known phrasing included', () => {
    expect(readTaskParameters('is zero for 8 values of 16 bits', [])).toEqual({
      stated: [],
      unmatched: [
        { value: 16, phrase: 'of 16 bits', wanted: 'a width in bits', ambiguous: [] },
        { value: 8, phrase: '8 values', wanted: 'a number of elements', ambiguous: [] },
      ],
    });
    expect(readTaskParameters('softmax with alpha 0.01 and 7', softmax).unmatched.map((u) => u.phrase)).toEqual(['0.01', '7']);
    expect(readTaskParameters('softmax over 0 values', softmax).unmatched).toHaveLength(1);
  });

  it('counts operands the entry takes as they are, and others not at all', () => {
    const lessThan = [{ name: 'bits', default: 8, description: 'width of a and b' }];
    expect(readTaskParameters('compare two 16-bit numbers', lessThan, { operands: [2] })).toEqual({ stated: [{ name: 'bits', value: 16, phrase: '16-bit' }], unmatched: [] });
    expect(readTaskParameters('compare three 16-bit numbers', lessThan, { operands: [2] }).unmatched).toHaveLength(1);
  });
});

describe('readQuantities', () => {
  it('reads depth, leaves, window, stride, fractional bits, Q formats, degrees and scales', () => {
    const read = (task: string) => readQuantities(task).map((q) => [q.kind, q.value, q.second].filter((x) => x !== undefined));
    expect(read('merkle proof of depth 5')).toEqual([['depth', 5]]);
    expect(read('a tree with 32 leaves')).toEqual([['depth', 5]]);
    expect(read('max pool over 8 values with a window of 2, stride 2')).toEqual([['stride', 2], ['window', 2], ['count', 8]]);
    expect(read('Q8.8 multiply with 4 fractional bits')).toEqual([['qformat', 8, 8], ['fraction', 4]]);
    expect(read('a degree-3 polynomial')).toEqual([['degree', 3]]);
    expect(read('divide by 2^4, or divide by 16')).toEqual([['scale', 4], ['scale', 4]]);
    expect(read('2×2 max pool')).toEqual([['shape', 2, 2]]);
    // "one of" and "power of two" are not counts.
    expect(read('select one of 8 values, a power of two')).toEqual([['count', 8]]);
  });

  it('blanks the quantity phrases, whose words ask for no operation', () => {
    expect(withoutQuantities('range check x at most 2^16 - 1').trim()).toBe('range check x');
  });
});
