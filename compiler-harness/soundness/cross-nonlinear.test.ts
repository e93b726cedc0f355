import { afterAll, describe, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileFixture, witnessSatisfies } from './testing.js';

/**
 * Class 3 (cross-witness comparison) and class 5 (non-linear search), each on a circuit of its own
 * that every other attack misses: the run with the attack switched off is the proof of that.
 */

afterAll(disposeSmt);

describe('class 3: an input no constraint reads (cross-witness)', () => {
  // The hinted factors are coupled by products (a·b = d, b·c = e) and range-checked away from 0:
  // no one wire moves alone, no pair either, z3 drops both products, and each hint lied about alone
  // breaks a product. Only the generator's witness at x = 6 moves all five together.
  it('is unsound: the honest witness at x = 6 with x = 5 written back', async () => {
    const artefacts = await compileFixture('cross-untied-factors.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 5 }, budgetMs: 10_000 });
    expect(report.verdict).toBe('unsound');
    const counterexample = report.counterexample!;
    expect(counterexample.kind).toBe('different-outputs');
    expect(counterexample.explanation).toMatch(/cross-witness: circom's honest witness for x = \d+, with the original inputs written back \(x is read by no constraint\)/);
    expect(counterexample.outputs.find((o) => o.name === 'main.y')?.honest).toBe('98');
    expect(await witnessSatisfies(artefacts.r1csPath, counterexample.witness!)).toBe(true);
    expect(report.tried.join('\n')).toMatch(/re-checked: iden3 r1csfile accepts the witness/);
  });

  it('is missed with the cross-witness attack off', async () => {
    const artefacts = await compileFixture('cross-untied-factors.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 5 }, budgetMs: 10_000, crossWitness: false });
    expect(report.verdict).toBe('no-finding');
  });

  it('sound twin (the factors tied to x): no finding', async () => {
    const artefacts = await compileFixture('cross-tied-factors.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 5 }, budgetMs: 10_000 });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
    expect(report.tried.join('\n')).not.toMatch(/cross-witness: found/);
  });
});

describe('class 5: a product of two hinted factors (non-linear search)', () => {
  // q·k + r = x with the modulus k hinted: z3 relaxes the product, one wire alone leaves two open,
  // the hint lies (q ± 1 with r ∓ 10) break r < 10. Two factors set together re-derive r.
  it('is unsound: two factors of q·k moved together, r re-derived', async () => {
    const artefacts = await compileFixture('nonlinear-hinted-modulus.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 123 }, budgetMs: 10_000 });
    expect(report.verdict).toBe('unsound');
    const counterexample = report.counterexample!;
    expect(counterexample.explanation).toMatch(/non-linear search: set main\.\w+ to .* and main\.\w+ to .*, re-derived/);
    expect(counterexample.outputs.find((o) => o.name === 'main.r')?.honest).toBe('3');
    expect(await witnessSatisfies(artefacts.r1csPath, counterexample.witness!)).toBe(true);
  });

  it('is missed with the non-linear search off', async () => {
    const artefacts = await compileFixture('nonlinear-hinted-modulus.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 123 }, budgetMs: 10_000, nonlinearSearch: false });
    expect(report.verdict).toBe('no-finding');
  });

  it('sound twin (the modulus the constant 10): no finding', async () => {
    const artefacts = await compileFixture('nonlinear-constant-modulus.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 123 }, budgetMs: 10_000 });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
  });
});
