import { describe, expect, it } from 'vitest';
import { G, H } from '../runtime.js';
import { checkVectors, runConstraints } from '../core/run.js';
import { examples } from '../examples/index.js';
import { lowerToCircom, lowerToNoir } from '../index.js';
import { estimateTokens, zkslReference } from '../reference/generate.js';

/** r1csEstimate per example; a change here is a change in circuit cost and should be deliberate. */
const EXPECTED_R1CS_ESTIMATE: Record<string, number> = {
  'range-check.ts': 10,
  'bit-decomposition.ts': 9,
  'less-than-signed.ts': 29,
  'is-zero.ts': 3,
  'mux.ts': 11,
  'div-mod.ts': 47,
  'fixed-mul.ts': 62,
  'relu-vector.ts': 88,
  'argmax.ts': 76,
  'inner-product.ts': 77,
  'exp-lookup.ts': 24,
  'softmax.ts': 592,
};

describe('examples', () => {
  it('there are at least 12, each with accept, reject and forge vectors', () => {
    expect(examples.length).toBeGreaterThanOrEqual(12);
    for (const e of examples) {
      expect(e.vectors.accept.length, e.file).toBeGreaterThan(0);
      expect(e.vectors.reject.length, e.file).toBeGreaterThan(0);
      expect(e.vectors.forge.length, e.file).toBeGreaterThan(0);
    }
  });

  for (const e of examples) {
    it(`${e.file}: vectors pass, no unconstrained hints, cost as recorded`, () => {
      const report = checkVectors(e.sketch, e.vectors);
      expect(report.ok, report.summary).toBe(true);
      const structure = runConstraints(e.sketch);
      expect(structure.findings).toEqual([]);
      expect(structure.counts.r1csEstimate).toBe(EXPECTED_R1CS_ESTIMATE[e.file]);
    });
  }

  it('negative twin: a vector set with a wrong expected output fails', () => {
    const divMod = examples.find((e) => e.file === 'div-mod.ts')!;
    const wrong = { ...divMod.vectors, accept: [{ inputs: { a: 100, b: 7 }, outputs: { q: 14, r: 3 } }] };
    expect(checkVectors(divMod.sketch, wrong).ok).toBe(false);
  });

  it('lowering is deterministic', () => {
    for (const e of examples.slice(0, 4)) {
      expect(lowerToCircom(e.sketch).files).toEqual(lowerToCircom(e.sketch).files);
      expect(lowerToNoir(e.sketch).files).toEqual(lowerToNoir(e.sketch).files);
    }
  });
});

describe('reference', () => {
  const reference = zkslReference();

  it('stays under the size target', () => {
    expect(estimateTokens(reference)).toBeLessThan(3000);
  });

  it('documents every gadget and hint operator with an example', () => {
    // re-exported core functions (G.sum, G.assertRange) are documented once, without the prefix
    const documented = (prefix: string, name: string): boolean =>
      new RegExp(`^- (${prefix}\\.)?${name}: .* — e\\.g\\. `, 'm').test(reference);
    const missing = [
      ...Object.keys(G).filter((k) => !documented('G', k)),
      ...Object.keys(H).filter((k) => !documented('H', k)),
    ];
    expect(missing).toEqual([]);
  });
});
