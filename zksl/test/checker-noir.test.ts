import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../compiler-harness/types.js';
import { examples } from '../examples/index.js';
import { checkerDifferential } from './checker.js';
import { loadBackend } from './differential.js';

const backend = await loadBackend('noir');

describe.skipIf(typeof backend === 'string')('Noir checker programs (via the harness): honest outputs pass, forges fail', () => {
  afterAll(async () => (backend as Backend).dispose());
  for (const [i, example] of examples.entries()) {
    it(example.file, async () => {
      const tally = await checkerDifferential(example, backend as Backend, { seed: 2000 + i, sampled: 10 });
      expect(tally.honest).toBeGreaterThan(0);
      expect(tally.forged).toBe(example.vectors.forge.length);
    });
  }
});

describe('differential driver: negative twin', () => {
  it('an under-constrained sketch lowers to a Noir checker that accepts the forge', async () => {
    const { default: leaky } = await import('./leaky.js');
    const { lowerToNoir } = await import('../index.js');
    const { compileNoir } = await import('./toolchains.js');
    const checker = await compileNoir(lowerToNoir(leaky, undefined, { checkOutputs: true }));
    await expect(checker.execute({ a: 9, b: 2, q: 200 })).resolves.toBeDefined();
  });
});
