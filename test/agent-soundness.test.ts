import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { collect, sketchAnswer } from './agent-scripted.js';

const circom = new CircomBackend();
afterAll(() => circom.dispose());

/**
 * Issue 15's gcd: the model writes `witness(Bool, H.isZero(y))` where `G.isZero(y)` belongs. The
 * flag is Boolean-checked but not tied to y, so a prover can stop Euclid's algorithm early and
 * claim gcd(84, 36) = 84. The sketch's own checks pass; the Circom analysis must catch it (a hint
 * answered with the other Boolean value, later hints recomputed by circom's generator).
 */
describe('the agent loop with --lang circom on a gcd whose zero flag is an unpinned hint', () => {
  it('does not end verified: the soundness attack forges a wrong gcd', async () => {
    const model = scriptedModel({ script: [sketchAnswer('gcd-flag-unpinned.ts')] });
    const { events, result } = await collect({
      task: 'greatest common divisor of two 8-bit numbers',
      model,
      languages: ['circom'],
      backends: { circom },
      prove: false,
      maxIterations: 1,
      // The default budget of a real run (the scripted loop's 3 s is for circuits without hints).
      soundnessBudgetMs: 10_000,
    });
    expect(events.find((e) => e.type === 'sketch-checked')).toMatchObject({ ok: true });
    const tested = events.filter((e) => e.type === 'tested');
    expect(tested.length).toBeGreaterThan(0);
    expect(tested[0]).toMatchObject({ lang: 'circom', passed: false });
    expect(JSON.stringify(tested[0])).toMatch(/under-constrained|UNDER-CONSTRAINED/);
    expect(JSON.stringify(tested[0])).toMatch(/done/);
    expect(result.ok).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'done', ok: false });
  }, 180_000);
});
