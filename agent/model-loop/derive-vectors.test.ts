import { describe, expect, it } from 'vitest';
import { P } from '../../zksl/index.js';
import { vectorsFromCases } from './derive-vectors.js';

describe('vectorsFromCases', () => {
  const cases = {
    accept: [{ inputs: { a: 7, b: [1, 2] }, outputs: { q: '3', r: '1', v: ['4', '5'] } }],
    reject: [{ inputs: { b: [300, null] }, reason: 'b = 300 is outside UInt(8)' }],
  };

  it('moves each output by ±1, to 0 and to p − 1, swaps two outputs and two array elements, and never repeats the honest outputs', () => {
    const { forge } = vectorsFromCases(cases);
    const names = forge.map((f) => f.name);
    expect(names).toEqual([
      'reference 0 q + 1', 'reference 0 q - 1', 'reference 0 q = 0', 'reference 0 q = p - 1',
      'reference 0 r + 1', 'reference 0 r - 1', 'reference 0 r = p - 1', // r - 1 is r = 0
      'reference 0 v + 1', 'reference 0 v - 1', 'reference 0 v = 0', 'reference 0 v = p - 1',
      'reference 0 q and r swapped', 'reference 0 v[0] and v[1] swapped',
    ]);
    expect(forge.find((f) => f.name === 'reference 0 q = p - 1')!.outputs.q).toBe((P - 1n).toString());
    expect(forge.find((f) => f.name === 'reference 0 q and r swapped')!.outputs).toMatchObject({ q: '1', r: '3' });
    // an output already 0 has no "= 0" forge (the honest value), and 0 - 1 is p - 1
    const zero = vectorsFromCases({ accept: [{ inputs: {}, outputs: { y: '0' } }], reject: [] });
    expect(zero.forge.map((f) => f.name)).toEqual(['reference 0 y + 1', 'reference 0 y - 1']);
  });

  it('fills reject holes from the first accepted input, and moves by one only when asked', () => {
    const vectors = vectorsFromCases(cases, undefined, 'by-one');
    expect(vectors.reject).toEqual([{ inputs: { a: 7, b: [300, 2] }, reason: 'b = 300 is outside UInt(8)' }]);
    expect(vectors.forge.map((f) => f.name)).toEqual(['reference 0 q + 1', 'reference 0 r + 1', 'reference 0 v + 1']);
  });
});
