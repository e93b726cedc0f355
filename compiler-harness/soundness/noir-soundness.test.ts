import { readFileSync } from 'node:fs';
import { acvm } from '@noir-lang/noir_js';
import { afterAll, describe, expect, it } from 'vitest';
import { NoirBackend } from '../noir/backend.js';
import { BN254_PRIME } from '../field.js';
import { analyzeNoir as analyzeNoirWithin, disposeIsolatedAnalysis } from './isolated.js';
import { lintNoir } from './noir-lints.js';
import { rewriteHints } from './noir-rewrite.js';

/**
 * Noir hints are unconstrained functions; the attack answers them through oracles on the real
 * toolchain (noir_wasm + noir_js). Broken programs must yield a counterexample, sound twins none.
 */

const backend = new NoirBackend();
/**
 * A generous budget: the attack stops at its first counterexample, or when it has tried every
 * alternative (1–3 s on these programs); the budget only matters on a loaded machine, where the
 * compile of the rewritten program alone can take seconds.
 */
const analyzeNoir = (options: Parameters<typeof analyzeNoirWithin>[0]) => analyzeNoirWithin({ budgetMs: 60_000, ...options });
afterAll(async () => {
  await disposeIsolatedAnalysis();
  await backend.dispose();
});

const fixture = (name: string) => ({ 'src/main.nr': readFileSync(new URL(`./fixtures/noir/${name}`, import.meta.url), 'utf8') });

const P = BN254_PRIME;

describe('Noir hint attack', () => {
  it('catches a trusted unconstrained quotient with a smaller answer that still passes', async () => {
    const report = await analyzeNoir({ files: fixture('quotient-trusted.nr'), inputs: { a: 17, b: 5 } });
    expect(report.verdict).toBe('unsound');
    const counterexample = report.counterexample!;
    expect(counterexample.kind).toBe('different-outputs');
    expect(counterexample.outputs[0]).toMatchObject({ name: 'return', honest: '"3"' });
    expect(counterexample.outputs[0].alternative).not.toBe('"3"');
    expect(counterexample.hintAnswers?.[0]).toMatchObject({ call: 'div_hint#1', honest: ['3'] });
    // q·b ≤ a is the only check, so the forged quotient must be smaller.
    expect(BigInt(counterexample.hintAnswers![0].alternative[0])).toBeLessThan(3n);
  });

  it('finds nothing when the quotient is pinned by a remainder range check', async () => {
    const report = await analyzeNoir({ files: fixture('quotient-checked.nr'), inputs: { a: 17, b: 5 } });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
    expect(report.tried.join('\n')).toMatch(/none changed the return value/);
  });

  it('catches the other square root when only r·r = x is checked', async () => {
    const report = await analyzeNoir({ files: fixture('sqrt-signless.nr'), inputs: { x: 49 } });
    expect(report.verdict).toBe('unsound');
    expect(report.counterexample!.hintAnswers![0].alternative).toEqual([(P - 7n).toString()]);
  });

  it.each([
    ['scaled-branch-checked.nr', { x: 5 }],
    ['one-hot-weighted.nr', { x: [10, 20, 30, 40], index: 1 }],
  ])('finds nothing on the sound %s, on other inputs either', async (name, inputs) => {
    const report = await analyzeNoir({ files: fixture(name), inputs });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
  });

  it('finds nothing on a sign bit that is boolean and pinned by a range check', async () => {
    const report = await analyzeNoir({ files: fixture('sign-checked.nr'), inputs: { x: 5 } });
    expect(report.verdict).toBe('no-finding');
  });

  it('finds nothing when the root is also range-checked', async () => {
    const report = await analyzeNoir({ files: fixture('sqrt-checked.nr'), inputs: { x: 49 } });
    expect(report.verdict).toBe('no-finding');
  });

  it('lints a hint result that reaches no assert, and catches it', async () => {
    const report = await analyzeNoir({ files: fixture('sqrt-unasserted.nr'), inputs: { x: 49 } });
    expect(report.verdict).toBe('unsound');
    expect(report.lints).toContainEqual(expect.objectContaining({ code: 'unconstrained-result-unasserted', line: 13, signal: 'r' }));
  });
});

describe('Noir hints with tuple, struct and array answers', () => {
  it('moves a divisor from the remainder to the quotient when r < b is not checked', async () => {
    const report = await analyzeNoir({ files: fixture('divmod-pair-unbounded.nr'), inputs: { a: 47, b: 5 } });
    expect(report.verdict).toBe('unsound');
    // (9, 2) honestly; (8, 7) also satisfies a = q·b + r.
    expect(report.counterexample!.hintAnswers![0]).toMatchObject({ call: 'divmod_hint#1', honest: ['9', '2'], alternative: ['8', '7'] });
    expect(report.counterexample!.outputs[0]).toMatchObject({ honest: '"9"', alternative: '"8"' });
  });

  it('hands over a witness that bb.js accepts for the original, unrewritten program', async () => {
    const files = fixture('divmod-pair-unbounded.nr');
    const report = await analyzeNoir({ files, inputs: { a: 47, b: 5 } });
    const compiled = await backend.compile({ lang: 'noir', files, entry: 'src/main.nr', name: 'divmod' });
    const data = new Uint8Array(Buffer.from(report.counterexample!.noirWitness!, 'base64'));
    expect(await backend.checkWitness(compiled.compiled!, { lang: 'noir', data })).toBe(true);
    // Negative twin: the same witness with only its return value put back to the honest 9 is refused.
    const stack = acvm.decompressWitnessStack(data);
    const main = stack[0].witness;
    const [returnIndex] = [...acvm.getReturnWitness(Buffer.from(compiled.compiled!.program.bytecode, 'base64'), main).keys()];
    main.set(returnIndex, '0x09');
    expect(await backend.checkWitness(compiled.compiled!, { lang: 'noir', data: acvm.compressWitnessStack(stack) })).toBe(false);
  });

  it('finds nothing once the remainder is bounded by the divisor', async () => {
    const report = await analyzeNoir({ files: fixture('divmod-pair-bounded.nr'), inputs: { a: 47, b: 5 } });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
    expect(report.tried.join('\n')).toMatch(/routed 1 unconstrained function\(s\) through oracles: divmod_hint/);
  });

  it('answers a struct-returning hint field by field', async () => {
    const report = await analyzeNoir({ files: fixture('split-struct-unbounded.nr'), inputs: { x: 200 } });
    expect(report.verdict).toBe('unsound');
    const { honest, alternative } = report.counterexample!.hintAnswers![0];
    expect(honest).toEqual(['12', '8']);
    // Another (high, low) that recombines to x: a divisor (16) moved between the two fields.
    const [high, low] = alternative.map(BigInt);
    expect(high).not.toBe(12n);
    expect((high * 16n + low) % P).toBe(200n);
  });

  it('shifts the 1 of a one-hot selector of generic length', async () => {
    const report = await analyzeNoir({ files: fixture('one-hot-unpinned.nr'), inputs: { x: [10, 20, 30, 40], index: 1 } });
    expect(report.verdict).toBe('unsound');
    const { honest, alternative } = report.counterexample!.hintAnswers![0];
    expect(honest).toEqual(['0', '1', '0', '0']);
    expect(alternative.filter((v) => v === '1')).toHaveLength(1);
    expect(alternative).not.toEqual(honest);
  });
});

describe('Noir assert bypass', () => {
  it('gets an input the program rejects through by answering the range-check hint with true', async () => {
    const report = await analyzeNoir({ files: fixture('guard-hinted.nr'), inputs: { x: 5, y: 1 } });
    expect(report.verdict).toBe('unsound');
    const counterexample = report.counterexample!;
    expect(counterexample.kind).toBe('assert-bypass');
    expect(BigInt(counterexample.inputs.x as string)).toBeGreaterThanOrEqual(100n);
    expect(counterexample.hintAnswers?.[0]).toMatchObject({ call: 'is_small#1', honest: ['0'], alternative: ['1'] });
    expect(counterexample.explanation).toContain('src/main.nr:9');
  });

  it('finds nothing when the hint is checked against the constrained comparison', async () => {
    const report = await analyzeNoir({ files: fixture('guard-checked.nr'), inputs: { x: 5, y: 1 } });
    expect(report.verdict).toBe('no-finding');
    expect(report.tried.at(-1)).toMatch(/\d+ accepted and attacked, [1-9]\d* rejected by an assert; none gave way/);
  });
});

describe('Noir mutants', () => {
  // Each deletes one check from a sound program; every one of them lets a hint lie.
  const mutants: [string, string, Record<string, unknown>][] = [
    ['quotient-checked.nr', 'assert(r < b);', { a: 17, b: 5 }],
    ['sqrt-checked.nr', 'r.assert_max_bit_size::<32>();', { x: 49 }],
    ['sqrt-checked.nr', 'assert(r * r == x);', { x: 49 }],
    ['guard-checked.nr', 'assert(small == (x < 100));', { x: 5, y: 1 }],
    ['sign-checked.nr', 'assert(s * (s - 1) == 0);', { x: 5 }],
    // For x = 5 the quotient does not reach the output: the attack needs another input (x < 0).
    ['scaled-branch-checked.nr', 'assert(y == q * 4 + r);', { x: 5 }],
    // Only a +1, −2, +1 move keeps both sums of the selector.
    ['one-hot-weighted.nr', 'assert(sel[i] * (sel[i] - 1) == 0);', { x: [10, 20, 30, 40], index: 1 }],
  ];

  it.each(mutants)('%s without `%s` is caught', async (name, statement, inputs) => {
    const source = fixture(name)['src/main.nr'];
    expect(source).toContain(statement);
    const report = await analyzeNoir({ files: { 'src/main.nr': source.replace(statement, '') }, inputs });
    expect(report.verdict).toBe('unsound');
    expect(report.counterexample?.hintAnswers?.length).toBe(1);
  });
});

describe('lintNoir', () => {
  it('follows each name a destructured hint result binds', () => {
    const source = [
      'unconstrained fn f(x: Field) -> (Field, Field) { (x, x) }',
      'fn main(x: Field) -> pub Field {',
      '    // Safety: q is checked, r is not.',
      '    let (q, mut r) = unsafe { f(x) };',
      '    assert(q == x);',
      '    r + 1',
      '}',
    ].join('\n');
    const lints = lintNoir({ 'src/main.nr': source });
    expect(lints).toEqual([expect.objectContaining({ code: 'unconstrained-result-unasserted', line: 4, signal: 'r' })]);
  });
});

describe('rewriteHints', () => {
  it('routes a hint through an oracle that receives the honest answer', () => {
    const { files, hints } = rewriteHints(fixture('quotient-trusted.nr'));
    const text = files['src/main.nr'];
    expect(hints).toEqual([expect.objectContaining({ name: 'div_hint', oracle: 'zkcoder_hint_main_div_hint', line: 3 })]);
    expect(text).toContain('#[oracle(zkcoder_hint_main_div_hint)]');
    expect(text).toContain('__zkc_oracle_div_hint(a, b, __zkc_honest_div_hint(a, b))');
    // Renamed in place, wrapper appended: every original line keeps its number.
    const original = fixture('quotient-trusted.nr')['src/main.nr'].split('\n');
    const rewritten = text.split('\n');
    expect(rewritten[2]).toBe(original[2].replace('fn div_hint', 'fn __zkc_honest_div_hint'));
    expect(rewritten.slice(3, original.length)).toEqual(original.slice(3));
  });

  it('leaves methods, generic structs and hints that return nothing alone', () => {
    const { hints, skipped } = rewriteHints({
      'src/main.nr':
        'struct P { x: Field }\nimpl P { unconstrained fn twice(self) -> Field { self.x * 2 } }\n' +
        'unconstrained fn maybe(x: Field) -> Option<Field> { Option::some(x) }\nunconstrained fn log(x: Field) { }\nfn main() {}\n',
    });
    expect(hints).toEqual([]);
    expect(skipped.map((s) => s.name)).toEqual(['twice', 'maybe', 'log']);
  });

  it('lays tuple, struct and nested-array answers out in foreign-call slots', () => {
    const { hints } = rewriteHints({
      'src/main.nr':
        'struct P { x: Field, y: [u8; 2] }\nunconstrained fn a(x: Field) -> (Field, [u8; 2]) { (x, [1, 2]) }\n' +
        'unconstrained fn b(x: Field) -> P { P { x, y: [1, 2] } }\nunconstrained fn c<let N: u32>(x: Field) -> [[bool; 2]; N] { [[true, false]; N] }\nfn main() {}\n',
    });
    const u8 = { kind: 'integer', signed: false, bits: 8 };
    expect(hints.map((h) => h.slots)).toEqual([
      [{ array: false, pattern: [{ kind: 'field' }] }, { array: true, pattern: [u8] }],
      [{ array: false, pattern: [{ kind: 'field' }] }, { array: true, pattern: [u8] }],
      [{ array: true, pattern: [{ kind: 'bool' }] }],
    ]);
  });
});
