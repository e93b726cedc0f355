import { describe, expect, it } from 'vitest';
import { parametersFromTask, readTaskParameters } from './task-parameters.js';

const softmax = [{ name: 'n', default: 4 }, { name: 'bits', default: 8 }];

describe('parametersFromTask', () => {
  it('reads counts and widths from plain words', () => {
    expect(parametersFromTask('softmax over 8 values with 16-bit logits', softmax)).toEqual([
      { name: 'bits', value: 16, phrase: '16-bit' },
      { name: 'n', value: 8, phrase: 'over 8 values' },
    ]);
  });

  it('prefers an explicit assignment and ignores parameters the entry does not have', () => {
    expect(parametersFromTask('merkle proof of depth 5, n=3', softmax)).toEqual([{ name: 'n', value: 3, phrase: 'n=3' }]);
    expect(parametersFromTask('merkle proof of depth 5', [{ name: 'depth', default: 3 }])).toEqual([{ name: 'depth', value: 5, phrase: 'depth 5' }]);
  });

  it('states nothing when the task gives no numbers', () => {
    expect(parametersFromTask('softmax lookup', softmax)).toEqual([]);
  });
});

describe('readTaskParameters', () => {
  it('knows a width parameter by its description when its name is n', () => {
    const bitwise = [{ name: 'n', default: 8, description: 'word width in bits' }];
    expect(readTaskParameters('mask the low bits of a 32 bit word', bitwise).stated).toEqual([{ name: 'n', value: 32, phrase: '32 bit' }]);
    // n is a width here, not a count: "over 8 values" is not for it.
    expect(readTaskParameters('and over 8 values', bitwise)).toEqual({ stated: [], unmatched: [{ value: 8, phrase: 'over 8 values', wanted: 'a number of elements', ambiguous: [] }] });
  });

  it('reads "by 3 bits" as a shift amount, not a width', () => {
    const shift = [{ name: 'n', default: 8, description: 'width of x in bits' }, { name: 'k', default: 3, description: 'shift amount (constant)' }];
    expect(readTaskParameters('shift a 16-bit word right by 5 bits', shift).stated).toEqual([
      { name: 'k', value: 5, phrase: 'by 5 bits' },
      { name: 'n', value: 16, phrase: '16-bit' },
    ]);
  });

  it('reads an exponent from x^7, "to the power 7" and "7th power", but not a bound like 2^16', () => {
    const pow = [{ name: 'e', default: 5, description: 'constant exponent' }];
    for (const task of ['x^7', 'x**7', 'x to the power of 7', 'raise x to the 7th power', 'exponent 7']) {
      expect(readTaskParameters(task, pow).stated, task).toEqual([expect.objectContaining({ name: 'e', value: 7 })]);
    }
    expect(readTaskParameters('prove x fits in 2^16', pow)).toEqual({ stated: [], unmatched: [] });
  });

  it('tells two count parameters apart by the noun, and says when it cannot', () => {
    const dense = [{ name: 'm', default: 2, description: 'outputs' }, { name: 'n', default: 3, description: 'inputs' }];
    expect(readTaskParameters('a dense layer with 8 inputs', dense).stated).toEqual([{ name: 'n', value: 8, phrase: 'with 8 inputs' }]);
    expect(readTaskParameters('a dense layer over 8 values', dense)).toEqual({
      stated: [],
      unmatched: [{ value: 8, phrase: 'over 8 values', wanted: 'a number of elements', ambiguous: ['m', 'n'] }],
    });
  });

  it('returns quantities no parameter takes, so they can be reported instead of dropped', () => {
    expect(readTaskParameters('is zero for 8 values of 16 bits', [])).toEqual({
      stated: [],
      unmatched: [
        { value: 16, phrase: '16 bits', wanted: 'a width in bits', ambiguous: [] },
        { value: 8, phrase: 'for 8 values', wanted: 'a number of elements', ambiguous: [] },
      ],
    });
    expect(readTaskParameters('softmax over 0 values', softmax)).toEqual({ stated: [], unmatched: [] });
  });
});
