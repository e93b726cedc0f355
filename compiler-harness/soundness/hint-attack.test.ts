import { afterAll, describe, expect, it } from 'vitest';
import { analyzeR1cs } from './analyze-circom.js';
import { disposeSmt } from './smt.js';
import { compileFixture, witnessSatisfies } from './testing.js';

/**
 * Class 1, partly constrained hints: a Boolean flag hint (`z <-- y == 0 ? 1 : 0`) checked for
 * booleanity only. Flipping it makes the quotient and remainder hints compute something else, which
 * only a re-run of the hints finds (the source rewritten, circom's generator recomputing them).
 */

afterAll(disposeSmt);

describe('a zero flag that is only Boolean-checked', () => {
  it('is unsound: the flag flipped, the quotient recomputed, q = x for y = 7', async () => {
    const artefacts = await compileFixture('safe-div-flag-hinted.circom');
    // The cross-witness attack (class 3) finds this too, from y = 0's witness: off, to test class 1.
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 100, y: 7 }, budgetMs: 10_000, crossWitness: false });
    expect(report.verdict).toBe('unsound');
    const counterexample = report.counterexample!;
    expect(counterexample.kind).toBe('different-outputs');
    expect(counterexample.explanation).toMatch(/z <-- y == 0 \? 1 : 0/);
    expect(counterexample.outputs.find((o) => o.name === 'main.q')).toMatchObject({ honest: '14', alternative: '100' });
    expect(await witnessSatisfies(artefacts.r1csPath, counterexample.witness!)).toBe(true);
    expect(report.tried.join('\n')).toMatch(/re-checked: iden3 r1csfile accepts the witness/);
  });

  it('sound twin (the flag from IsZero): no finding', async () => {
    const artefacts = await compileFixture('safe-div-flag-sound.circom');
    const report = await analyzeR1cs({ ...artefacts, inputs: { x: 100, y: 7 }, budgetMs: 10_000 });
    expect(report.verdict).toBe('no-finding');
    expect(report.incomplete).toBeUndefined();
  });
});
