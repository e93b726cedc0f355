import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../compiler-harness/types.js';
import { examples } from '../examples/index.js';
import { harnessDifferential, loadBackend } from './differential.js';

const backend = await loadBackend('noir');
/**
 * The harness forges Noir witnesses through bb.js (≈2.5 s each), so it forges a representative
 * subset here; checker-noir.test.ts rejects every forge vector of every example in Noir.
 */
const FORGED_THROUGH_HARNESS = new Set(['range-check.ts', 'div-mod.ts', 'argmax.ts', 'softmax.ts']);
const available = typeof backend !== 'string';

describe.skipIf(!available)('harness: interpreter = NoirBackend', () => {
  afterAll(async () => (backend as Backend).dispose());
  for (const [i, example] of examples.entries()) {
    it(example.file, async () => {
      const tally = await harnessDifferential(backend as Backend, example, { seed: 4000 + i, randomCases: 1, forgeLimit: FORGED_THROUGH_HARNESS.has(example.file) ? 1 : 0 });
      expect(tally.accepted).toBeGreaterThan(0);
      expect(tally.forged).toBe(FORGED_THROUGH_HARNESS.has(example.file) ? 1 : 0);
    });
  }

  it('negative twin: the harness accepts a forge on the under-constrained sketch', async () => {
    const { default: leaky } = await import('./leaky.js');
    const { lowerToNoir } = await import('../index.js');
    const compiled = await (backend as Backend).compile(lowerToNoir(leaky) as never);
    const verdict = await (backend as Backend).forge(compiled.compiled!, { a: '9', b: '2' }, { return: '200' });
    expect(verdict.accepted).toBe(true);
  });
});
