import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../compiler-harness/types.js';
import { examples } from '../examples/index.js';
import { harnessDifferential, loadBackend } from './differential.js';

const backend = await loadBackend('circom');
const available = typeof backend !== 'string';

describe.skipIf(!available)('harness: interpreter = CircomBackend', () => {
  afterAll(async () => (backend as Backend).dispose());
  for (const [i, example] of examples.entries()) {
    it(example.file, async () => {
      const tally = await harnessDifferential(backend as Backend, example, { seed: 3000 + i, randomCases: 3 });
      expect(tally.accepted).toBeGreaterThan(0);
      expect(tally.forged).toBe(example.vectors.forge.length);
    });
  }

  it('negative twin: the harness accepts a forge on the under-constrained sketch', async () => {
    const { default: leaky } = await import('./leaky.js');
    const { lowerToCircom } = await import('../index.js');
    const compiled = await (backend as Backend).compile(lowerToCircom(leaky) as never);
    const verdict = await (backend as Backend).forge(compiled.compiled!, { a: '9', b: '2' }, { q: '200' });
    expect(verdict.accepted).toBe(true);
  });
});
