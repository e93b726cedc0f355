import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tamperProof } from '../check.js';
import { CircomBackend } from './backend.js';

const backend = new CircomBackend();
afterAll(() => backend.dispose());

async function multiplierRun() {
  const source = readFileSync(new URL('../../test/fixtures/circom/multiplier.circom', import.meta.url), 'utf8');
  const result = await backend.compile({
    lang: 'circom',
    entry: 'multiplier.circom',
    files: { 'multiplier.circom': source },
    template: 'Multiplier',
    publicInputs: ['a'],
  });
  const compiled = result.compiled!;
  const run = await backend.execute(compiled, { a: 3, b: 11 });
  if (!run.ok) throw new Error(run.failure.message);
  return { compiled, witness: run.witness };
}

describe('Circom proofs', () => {
  for (const system of ['groth16', 'plonk'] as const) {
    it(`${system}: an honest proof verifies; a changed public input or proof does not`, async () => {
      const { compiled, witness } = await multiplierRun();
      const proof = await backend.prove(compiled, witness, { system });
      expect(proof.system).toBe(system);
      // Public signals: outputs first, then public inputs.
      expect(proof.publicSignals).toEqual(['33', '3']);
      expect(proof.warnings?.join(' ')).toMatch(/INSECURE development powers-of-tau/);
      expect(await backend.verify(compiled, proof)).toBe(true);
      expect(await backend.verify(compiled, tamperProof(proof))).toBe(false);
      const forgedOutput = { ...proof, publicSignals: ['34', '3'] };
      expect(await backend.verify(compiled, forgedOutput)).toBe(false);
      const otherProof = JSON.parse(JSON.stringify(proof.proof));
      const key = system === 'groth16' ? 'pi_c' : 'A';
      [otherProof[key][0], otherProof[key][1]] = [otherProof[key][1], otherProof[key][0]];
      expect(await backend.verify(compiled, { ...proof, proof: otherProof })).toBe(false);
    });
  }

  it('cannot prove an edited witness into a verifying proof', async () => {
    const { compiled, witness } = await multiplierRun();
    const edited = [...(witness.data as bigint[])];
    edited[1] = 34n;
    const proof = await backend.prove(compiled, { lang: 'circom', data: edited }, { system: 'groth16' });
    expect(proof.publicSignals[0]).toBe('34');
    expect(await backend.verify(compiled, proof)).toBe(false);
  });
});
