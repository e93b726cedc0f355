/**
 * G.poseidon against circomlib's published test vector, and the interpreter against its lowered
 * Circom (circom2 + witness calculator) and Noir (noir_wasm + noir_js) on the same inputs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { P } from '../core/field.js';
import { forgeOutputs, runWitness } from '../core/run.js';
import { runSketchSource } from '../index.js';
import { lowerToCircom } from '../lower/circom.js';
import { lowerToNoir } from '../lower/noir.js';
import { Field, G, sketch } from '../runtime.js';
import { compileCircom, compileNoir } from './toolchains.js';

/** circomlib's test/poseidoncircuit.js: Poseidon([1, 2]) = 0x115cc0f5…189a. */
const CIRCOMLIB_1_2 = 0x115cc0f5e7d690413df64c6b9662e9cf2a3617f2743245519e19607a4417189an;

const hash2 = sketch({
  name: 'Hash2',
  params: {},
  inputs: () => ({ a: Field, b: Field }),
  outputs: () => ({ out: Field }),
  body: ({ a, b }) => ({ out: G.poseidon([a, b]) }),
});

const hashOf = (a: bigint | number, b: bigint | number): bigint => {
  const run = runWitness(hash2, { inputs: { a: a.toString(), b: b.toString() } });
  if (!run.ok) throw new Error(run.failure.message);
  return BigInt(run.outputs.out as string);
};

describe('G.poseidon', () => {
  it("is circomlib's Poseidon(2): the published vector; order and every input matter", () => {
    expect(hashOf(1, 2)).toBe(CIRCOMLIB_1_2);
    expect(hashOf(2, 1)).not.toBe(CIRCOMLIB_1_2);
    expect(hashOf(P - 1n, 0)).not.toBe(hashOf(0, 0));
  });

  it('a forged hash (±1, 0, swapped inputs) satisfies no witness', () => {
    const inputs = { a: '1', b: '2' };
    for (const out of [CIRCOMLIB_1_2 + 1n, CIRCOMLIB_1_2 - 1n, 0n, hashOf(2, 1)]) {
      const verdict = forgeOutputs(hash2, { inputs, outputs: { out: out.toString() } });
      expect(verdict.accepted, `forged ${out}`).toBe(false);
    }
  });

  it('refuses any other number of inputs, naming the count and the pairwise idiom', () => {
    for (const [inputs, got] of [[[1], '1 input'], [[1, 2, 3], '3 inputs'], [[], '0 inputs']] as const) {
      const bad = sketch({ name: 'Bad', params: {}, inputs: () => ({ a: Field }), outputs: () => ({ out: Field }), body: () => ({ out: G.poseidon(inputs as never) }) });
      const run = runWitness(bad, { inputs: { a: 1 } });
      expect(run.ok ? 'accepted' : run.failure.message).toMatch(new RegExp(`exactly 2 inputs .*got ${got}; hash more values pairwise`));
    }
  });

  it('runs in the sandbox from sketch source (as a model writes it)', async () => {
    const source = `import { sketch, Field, G } from 'zksl';
export default sketch({ name: 'H', params: {}, inputs: () => ({ a: Field, b: Field }), outputs: () => ({ out: Field }),
  body: ({ a, b }) => ({ out: G.poseidon([a, b]) }) });`;
    const run = await runSketchSource(source, { mode: 'witness', inputs: { a: 1, b: 2 }, timeoutMs: 20_000 });
    expect(run.ok ? run.outputs : run.failure).toEqual({ out: CIRCOMLIB_1_2.toString() });
  });

  it('lowered Circom and Noir compute the same hash as the interpreter', async () => {
    const [circom, noir] = [await compileCircom(lowerToCircom(hash2)), await compileNoir(lowerToNoir(hash2))];
    // the 240 S-box products and the output's linear combination
    expect(circom.constraints).toBe(241);
    const field = fc.oneof(fc.bigInt({ min: 0n, max: P - 1n }), fc.constantFrom(0n, 1n, P - 1n));
    await fc.assert(
      fc.asyncProperty(field, field, async (a, b) => {
        const expected = hashOf(a, b);
        const inputs = { a: a.toString(), b: b.toString() };
        expect((await circom.witness(inputs))[1]).toBe(expected);
        expect(await noir.execute(inputs)).toEqual([expected]);
      }),
      { numRuns: 8, seed: 13 },
    );
  }, 120_000);
});
