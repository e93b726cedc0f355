import { afterAll, describe, expect, it } from 'vitest';
import { BN254_PRIME } from '../field.js';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { circomlibMain, compileCircom, witnessSatisfies } from './testing.js';

/**
 * False positives on circomlib: sound library templates must never be called unsound, and a
 * circuit that is correct should mostly come out fully determined (no lint noise either). The one
 * true positive, Num2Bits(254), is the classic alias: in and in + p both have 254-bit forms.
 */

afterAll(disposeSmt);

const bits = (n: number, set: number[]) => Array.from({ length: n }, (_, i) => (set.includes(i) ? 1 : 0));
const point = {
  x: '5299619240641551281634865583518297030282874472190772894086521144482721001553',
  y: '16950150798460657717958625567821834550301663161624707787222815936182638968203',
};

const sound: [string, string, Record<string, unknown>][] = [
  ['comparators.circom', 'IsZero()', { in: 7 }],
  ['comparators.circom', 'IsEqual()', { in: [3, 4] }],
  ['comparators.circom', 'LessThan(8)', { in: [5, 100] }],
  ['comparators.circom', 'LessThan(252)', { in: [5, 100] }],
  ['comparators.circom', 'LessEqThan(16)', { in: [5, 5] }],
  ['comparators.circom', 'GreaterThan(32)', { in: [70000, 5] }],
  ['comparators.circom', 'GreaterEqThan(8)', { in: [1, 2] }],
  ['comparators.circom', 'ForceEqualIfEnabled()', { enabled: 1, in: [4, 4] }],
  ['bitify.circom', 'Num2Bits(8)', { in: 77 }],
  ['bitify.circom', 'Num2Bits(64)', { in: '1234567890123' }],
  ['bitify.circom', 'Num2Bits_strict()', { in: 12345 }],
  ['bitify.circom', 'Bits2Num(8)', { in: bits(8, [0, 2, 3, 6]) }],
  ['bitify.circom', 'Num2BitsNeg(8)', { in: 9 }],
  ['mux1.circom', 'Mux1()', { c: [5, 9], s: 1 }],
  ['mux1.circom', 'MultiMux1(2)', { c: [[1, 2], [3, 4]], s: 0 }],
  ['mux2.circom', 'Mux2()', { c: [1, 2, 3, 4], s: [1, 0] }],
  ['mux3.circom', 'Mux3()', { c: [1, 2, 3, 4, 5, 6, 7, 8], s: [1, 0, 1] }],
  ['switcher.circom', 'Switcher()', { sel: 1, L: 3, R: 4 }],
  ['gates.circom', 'XOR()', { a: 1, b: 1 }],
  ['gates.circom', 'MultiAND(5)', { in: [1, 1, 0, 1, 1] }],
  ['binsum.circom', 'BinSum(4, 2)', { in: [[1, 0, 1, 0], [1, 1, 0, 0]] }],
  ['sign.circom', 'Sign()', { in: bits(254, [3]) }],
  ['aliascheck.circom', 'AliasCheck()', { in: bits(254, [3]) }],
  ['poseidon.circom', 'Poseidon(2)', { inputs: [1, 2] }],
  ['poseidon.circom', 'Poseidon(5)', { inputs: [1, 2, 3, 4, 5] }],
  ['mimc.circom', 'MiMC7(91)', { x_in: 3, k: 5 }],
  ['babyjub.circom', 'BabyDbl()', point],
  ['babyjub.circom', 'BabyCheck()', point],
];

describe('circomlib templates are never called unsound', () => {
  it.each(sound)('%s %s', async (include, instance, inputs) => {
    const artefacts = await compileCircom(`${instance.replace(/\W+/g, '_')}.circom`, circomlibMain(include, instance));
    const report = await analyzeR1cs({ ...artefacts, inputs, budgetMs: instance === 'Num2Bits_strict()' ? 4_000 : 10_000 });
    expect(report.verdict, report.counterexample?.explanation).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
  });
});

describe('a real alias in circomlib usage', () => {
  it('Num2Bits(254) accepts the bits of in + p: a second decomposition', async () => {
    const artefacts = await compileCircom('Num2Bits_254.circom', circomlibMain('bitify.circom', 'Num2Bits(254)'));
    const report = await analyzeR1cs({ ...artefacts, inputs: { in: 12345 } });
    expect(report.verdict).toBe('unsound');
    expect(await witnessSatisfies(artefacts.r1csPath, report.counterexample!.witness!)).toBe(true);
    const p = BN254_PRIME;
    const value = report.counterexample!.witness!.slice(1, 255).reduce((sum, bit, i) => sum + (BigInt(bit) << BigInt(i)), 0n);
    expect(value).toBe(12345n + p);
  });
});
