import { afterAll, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileFixture } from './testing.js';

/** Lints carry a code, a file and a line; they are warnings beside the verdict, never instead of it. */

afterAll(disposeSmt);

it('flags each suspicious pattern at its line', async () => {
  const artefacts = await compileFixture('lint-patterns.circom');
  const report = await analyzeR1cs({ ...artefacts, inputs: { a: 6, b: 3, c: 100 } });
  const found = report.lints.map((lint) => `${lint.code}@${lint.line}`);
  expect(found).toEqual(
    expect.arrayContaining([
      'division-without-nonzero-check@13',
      'quotient-without-range-check@15',
      'comparator-input-unchecked@22',
      'unused-component-output@25',
      'unconstrained-hint@27',
    ]),
  );
  // r is range-checked by Num2Bits(4): no quotient lint for it; the constant 100 is not a signal.
  expect(found).not.toContain('quotient-without-range-check@17');
  expect(report.lints.filter((lint) => lint.code === 'comparator-input-unchecked')).toHaveLength(1);
  expect(report.lints.every((lint) => lint.file === 'lint-patterns.circom')).toBe(true);
  // The lints do not decide the verdict, the attack does: `unused` is free, so this one is unsound.
  expect(report.verdict).toBe('unsound');
});

it('stays quiet on sound circuits', async () => {
  for (const [fixture, inputs] of [
    ['rescale-sound.circom', { in: 1000 }],
    ['lessthan-checked.circom', { x: 5, limit: 100 }],
    ['iszero-sound.circom', { in: 5 }],
    // Inline bit decomposition of a remainder; a Num2Bits used as a range check only.
    ['lint-sound-twins.circom', { c: 100 }],
  ] as const) {
    const artefacts = await compileFixture(fixture);
    const report = await analyzeR1cs({ ...artefacts, inputs });
    expect(report.lints, fixture).toEqual([]);
  }
});

it('reports slack in an intermediate as a lint, not a verdict', async () => {
  // At in = 0 the inverse hint of IsZero can be anything: outputs do not change, so no verdict.
  const artefacts = await compileFixture('iszero-sound.circom');
  const report = await analyzeR1cs({ ...artefacts, inputs: { in: 0 } });
  expect(report.verdict).toBe('no-finding');
  expect(report.lints).toContainEqual(expect.objectContaining({ code: 'ambiguous-intermediate', signal: 'main.inv', file: 'iszero-sound.circom', line: 7 }));
  // Here the single constraint on the hint (out = 1 − in·inv) does not pin it: worth the warning too.
  expect(report.lints.map((lint) => lint.code).sort()).toEqual(['ambiguous-intermediate', 'hint-in-one-constraint']);
});

it('flags an input no constraint mentions (circom drops it from the witness)', async () => {
  const artefacts = await compileFixture('unused-input.circom');
  const report = await analyzeR1cs({ ...artefacts, inputs: { a: 3, nonce: 77 } });
  expect(report.lints).toEqual([
    expect.objectContaining({ code: 'signal-in-no-constraint', signal: 'main.nonce', file: 'unused-input.circom', line: 6 }),
  ]);
  expect(report.verdict).toBe('no-finding');
});
