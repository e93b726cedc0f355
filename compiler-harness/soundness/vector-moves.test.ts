import { afterAll, describe, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileFixture, witnessSatisfies } from './testing.js';

/** Class 2, whole-vector moves: a weighted sum of unforced "bits" moved two wires at a time. */

afterAll(disposeSmt);

describe('bits that nothing forces Boolean', () => {
  it('is unsound without z3: a pair move keeps the weighted sum', async () => {
    const artefacts = await compileFixture('bits-not-boolean.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { in: 5 }, budgetMs: 10_000, smt: false });
    expect(report.verdict).toBe('unsound');
    expect(report.counterexample!.explanation).toMatch(/moved .* together/);
    expect(await witnessSatisfies(artefacts.r1csPath, report.counterexample!.witness!)).toBe(true);
  });

  it('sound twin (every bit Boolean): no finding', async () => {
    const artefacts = await compileFixture('bits-boolean.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { in: 5 }, budgetMs: 10_000, smt: false });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
  });
});
