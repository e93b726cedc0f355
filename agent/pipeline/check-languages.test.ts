import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CircomBackend } from '../../compiler-harness/circom/backend.js';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import type { Backend } from '../../compiler-harness/types.js';
import { checkLanguages, statedAssumptions, type LanguageResult } from './check-languages.js';

// The agent's stated preconditions reach the soundness analysis (issue 15): the run's `assumptions`
// and the user vectors' `assume` list. Real circom2 compile and analysis, ≈ 10 s of CPU.
const fixtures = new URL('../../test/fixtures/circom/assume/', import.meta.url).pathname;
const circuit = { lang: 'circom' as const, files: { 'less.circom': readFileSync(join(fixtures, 'less-unchecked.circom'), 'utf8') }, entry: 'less.circom', name: 'less' };
const vectors = { accept: [{ inputs: { x: 5, limit: 100 } }], reject: [], forge: [] };

describe('agent: stated assumptions', () => {
  const circom = new CircomBackend();
  afterAll(async () => {
    await circom.dispose();
    await disposeSoundnessAnalysis();
  });

  it('joins the run options and the user vectors, without duplicates', () => {
    expect(statedAssumptions({ assumptions: ['x < 2^8'], vectors: { ...vectors, assume: ['x < 2^8', 'limit <= 255'] } })).toEqual(['x < 2^8', 'limit <= 255']);
    expect(statedAssumptions({})).toEqual([]);
  });

  it('a comparator on unchecked inputs passes without them and fails the check with them', async () => {
    const run = async (assumptions?: string[]) => {
      const steps = checkLanguages({ circuits: { circom: circuit }, vectors: { circom: vectors }, backends: { circom, noir: undefined as unknown as Backend }, assumptions });
      let next = await steps.next();
      while (!next.done) next = await steps.next();
      return (next.value as LanguageResult[])[0].report;
    };
    expect((await run()).passed).toBe(true);
    const stated = await run(['x < 2^8']);
    expect(stated.passed).toBe(false);
    expect(stated.soundness?.counterexample?.kind).toBe('precondition-bypass');
  }, 120_000);
});
