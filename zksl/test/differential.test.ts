import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../compiler-harness/types.js';
import { examples } from '../examples/index.js';
import { Field, sketch, UInt } from '../runtime.js';
import { arbitraryInputs } from './arbitrary-inputs.js';
import { agreeOn, compileTarget, loadBackend, loweredSize } from './differential.js';

/** Property runs per example: an execution costs milliseconds once the example is compiled. */
const RUNS = 100;
const SEED = 3_000;

/**
 * What each example costs once lowered: Circom R1CS constraints (circom -O1), Noir ACIR opcodes
 * and UltraHonk gates (bb.js 0.86; about 3,560 of them are UltraHonk's fixed overhead). The
 * sketch's own estimate (`r1csEstimate`, examples.test.ts) matches the Circom count for all 12.
 * A change here is a change in circuit cost and should be deliberate; zksl/examples/README.md
 * shows the same table.
 */
// Noir sizes include a witness per product (std::as_witness; compiler-harness/noir/BB-SOUNDNESS.md).
const LOWERED_SIZES: Record<string, { circom: number; noirOpcodes: number; noirGates: number }> = {
  'range-check.ts': { circom: 10, noirOpcodes: 2, noirGates: 3563 },
  'bit-decomposition.ts': { circom: 9, noirOpcodes: 25, noirGates: 3579 },
  'less-than-signed.ts': { circom: 29, noirOpcodes: 9, noirGates: 3570 },
  'is-zero.ts': { circom: 20, noirOpcodes: 5, noirGates: 3571 },
  'mux.ts': { circom: 11, noirOpcodes: 11, noirGates: 3571 },
  'div-mod.ts': { circom: 47, noirOpcodes: 11, noirGates: 3571 },
  'fixed-mul.ts': { circom: 62, noirOpcodes: 12, noirGates: 3577 },
  'relu-vector.ts': { circom: 88, noirOpcodes: 28, noirGates: 3590 },
  'argmax.ts': { circom: 76, noirOpcodes: 34, noirGates: 3603 },
  'inner-product.ts': { circom: 77, noirOpcodes: 17, noirGates: 3583 },
  'exp-lookup.ts': { circom: 24, noirOpcodes: 26, noirGates: 3641 },
  'softmax.ts': { circom: 592, noirOpcodes: 191, noirGates: 4017 },
};

const [circom, noir] = [await loadBackend('circom'), await loadBackend('noir')];
const available = typeof circom !== 'string' && typeof noir !== 'string';

describe.skipIf(!available)('interpreter = Circom witness = Noir execution (harness backends)', () => {
  afterAll(async () => Promise.all([(circom as Backend).dispose(), (noir as Backend).dispose()]));

  for (const [i, example] of examples.entries()) {
    it(`${example.file}: same outputs (or the same refusal) on the vectors and ${RUNS} property-based inputs; lowered size as recorded`, async () => {
      const targets = [await compileTarget(circom as Backend, example), await compileTarget(noir as Backend, example)];
      expect(loweredSize(targets[0], targets[1])).toEqual(LOWERED_SIZES[example.file]);

      for (const vector of [...example.vectors.accept, ...example.vectors.reject]) await agreeOn(example, targets, vector.inputs);
      const tally = { valid: 0, refused: 0 };
      await fc.assert(
        fc.asyncProperty(arbitraryInputs(example.sketch), async (inputs) => {
          tally[await agreeOn(example, targets, inputs)]++;
        }),
        { seed: SEED + i, numRuns: RUNS },
      );
      // the generator is meant to produce mostly valid inputs; a drift towards refusals would hollow the test out
      expect(tally.valid, `${example.file}: ${tally.valid} valid, ${tally.refused} refused`).toBeGreaterThanOrEqual(RUNS / 4);
    });
  }

  it('negative twin: a target computing something else, or accepting what the interpreter refuses, is caught', async () => {
    const plus = (k: number, x = UInt(8)) => sketch({ name: 'Plus', params: {}, inputs: () => ({ x }), outputs: () => ({ y: Field }), body: ({ x }) => ({ y: x.add(k) }) });
    const example = { file: 'plus.ts', sketch: plus(1), vectors: { accept: [], reject: [], forge: [] } };
    const plusTwo = await compileTarget(circom as Backend, { ...example, sketch: plus(2) });
    await expect(agreeOn(example, [plusTwo], { x: 5 })).rejects.toThrow('output y: interpreter 6, circom 7');
    const unchecked = await compileTarget(noir as Backend, { ...example, sketch: plus(1, Field) });
    await expect(agreeOn(example, [unchecked], { x: 5 })).resolves.toBe('valid');
    await expect(agreeOn(example, [unchecked], { x: 300 })).rejects.toThrow(/the interpreter refuses .* but noir returns/);
  });
});
