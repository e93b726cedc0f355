import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../compiler-harness/types.js';
import { examples } from '../examples/index.js';
import { checkerDifferential } from './checker.js';
import { loadBackend } from './differential.js';

const backend = await loadBackend('circom');

describe.skipIf(typeof backend === 'string')('Circom checker programs (via the harness): honest outputs pass, forges fail', () => {
  afterAll(async () => (backend as Backend).dispose());
  for (const [i, example] of examples.entries()) {
    it(example.file, async () => {
      const tally = await checkerDifferential(example, backend as Backend, { seed: 1000 + i, sampled: 10 });
      expect(tally.honest).toBeGreaterThan(0);
      expect(tally.forged).toBe(example.vectors.forge.length);
    });
  }
});

describe('differential driver: negative twin', () => {
  it('an under-constrained sketch lowers to a Circom checker that accepts the forge', async () => {
    const { default: leaky } = await import('./leaky.js');
    const { lowerToCircom } = await import('../index.js');
    const { compileCircom } = await import('./toolchains.js');
    const checker = await compileCircom(lowerToCircom(leaky, undefined, { checkOutputs: true }));
    // honest q is 4; 200 is a lie that nothing stops
    await expect(checker.witness({ a: 9, b: 2, q: 200 })).resolves.toBeDefined();
  });
});
