import { describe, expect, it } from 'vitest';
import { parametersFromTask } from './task-parameters.js';

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
