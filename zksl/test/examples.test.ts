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
  'is-zero.ts': 20,
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
    expect(estimateTokens(reference)).toBeLessThan(3300);
  });

  it('counts tokens conservatively: at least what cl100k (GPT-4 BPE) counts, on prose and code', () => {
    // cl100k counts measured with tiktoken when the estimate was calibrated (tiktoken is no dependency)
    const samples = [
      { cl100k: 50, text: 'Constraints are a·b = c over linear combinations; negative x is p − |x|. Assert 0 ≤ x < 2^bits and x ≠ 0; Σ a[i]·b[i] costs one product per pair.' },
      { cl100k: 99, text: "- G.fixedMul: Fixed-point product a·b / 2^scale rounded to nearest, ties up: floor((a·b + 2^(scale−1)) / 2^scale); asserts the result fits Fixed(bits, scale). E.g. `G.fixedMul(a, b, { bits: 16, scale: 8 })` maps raw 384 (1.5) · 512 (2.0) to 768 (3.0)." },
      { cl100k: 121, text: "export default sketch({\n  name: 'DivMod',\n  params: { bits: 8 },\n  inputs: ({ bits }) => ({ a: UInt(bits), b: pub(UInt(bits)) }),\n  outputs: ({ bits }) => ({ q: UInt(bits), r: UInt(bits) }),\n  body: ({ a, b }, { bits }) => {\n    const q = witness(UInt(bits), H.div(a, b)); // hint + its range check\n    q.mul(b).add(witness(UInt(bits), H.mod(a, b))).assertEquals(a);\n    return { q };\n  },\n});\n" },
      { cl100k: 56, text: 'template IsZeroChecked() {\n    signal input x;\n    signal output out;\n    signal inv;\n    inv <-- x != 0 ? 1 / x : 0;\n    out <== 1 - x * inv;\n    x * out === 0;\n}\n' },
      { cl100k: 91, text: 'fn main(x: Field) -> pub [Field; 8] {\n    let bits_0 = unsafe { hint_bit_0(x, 0) };\n    assert(bits_0 * (bits_0 - 1) == 0, "Bool check");\n    assert(-x + bits_0 + 2 * bits_1 + 128 * bits_7 == 0, "toBits(8) recomposition");\n}\n' },
    ];
    for (const { cl100k, text } of samples) {
      expect(estimateTokens(text), text).toBeGreaterThanOrEqual(cl100k);
      // conservative, not inflated: a bound this loose would make the size target meaningless
      expect(estimateTokens(text), text).toBeLessThan(cl100k * 1.3);
    }
  });

  it('documents every gadget and hint operator with an example', () => {
    // re-exported core functions (G.sum, G.assertRange) are documented once, without the prefix
    const documented = (prefix: string, name: string): boolean =>
      new RegExp(`^- (${prefix}\\.)?${name}: .*\\. E\\.g\\. `, 'm').test(reference);
    const missing = [
      ...Object.keys(G).filter((k) => !documented('G', k)),
      ...Object.keys(H).filter((k) => !documented('H', k)),
    ];
    expect(missing).toEqual([]);
  });
});
