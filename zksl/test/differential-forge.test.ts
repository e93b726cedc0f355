import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../compiler-harness/types.js';
import { examples } from '../examples/index.js';
import { lowerToCircom, lowerToNoir } from '../index.js';
import { compileTarget, forgeEveryVector, loadBackend } from './differential.js';

/**
 * Every forge vector of every example, through the harness's `forge` verb (edit the honest
 * witness's outputs, re-check every constraint) in both languages, and through the interpreter's
 * forge. Noir re-checks by proving and verifying with bb.js, about a second or two per vector.
 */
for (const lang of ['circom', 'noir'] as const) {
  const backend = await loadBackend(lang);

  describe.skipIf(typeof backend === 'string')(`forge vectors: rejected by the interpreter and by ${lang} witness editing`, () => {
    afterAll(async () => (backend as Backend).dispose());

    for (const example of examples) {
      it(`${example.file}: all ${example.vectors.forge.length} forge vector(s) rejected`, async () => {
        const target = await compileTarget(backend as Backend, example);
        const details = await forgeEveryVector(example, target);
        expect(details).toHaveLength(example.vectors.forge.length);
      });
    }

    it('negative twin: witness editing accepts a forge on the under-constrained sketch', async () => {
      const { default: leaky } = await import('./leaky.js');
      const lowered = lang === 'circom' ? lowerToCircom(leaky) : lowerToNoir(leaky);
      const compiled = await (backend as Backend).compile(lowered as never);
      const claimed = lang === 'circom' ? { q: '200' } : { return: '200' };
      const verdict = await (backend as Backend).forge(compiled.compiled!, { a: '9', b: '2' }, claimed);
      expect(verdict.accepted).toBe(true);
    });
  });
}
