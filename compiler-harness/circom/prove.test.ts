import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { tamperProof } from '../check.js';
import { CircomBackend } from './backend.js';

const backend = new CircomBackend();
afterAll(() => backend.dispose());

const MULTIPLIER = readFileSync(new URL('../../test/fixtures/circom/multiplier.circom', import.meta.url), 'utf8');
// Same inputs, outputs and public signals as the multiplier, a different relation.
const MULTIPLY_ADD = 'pragma circom 2.1.0;\ntemplate MultiplyAdd() {\n    signal input a;\n    signal input b;\n    signal output out;\n    out <== a * b + a;\n}\n';

async function run(source: string, template: string) {
  const result = await backend.compile({ lang: 'circom', entry: 'main.circom', files: { 'main.circom': source }, template, publicInputs: ['a'] });
  const compiled = result.compiled!;
  const executed = await backend.execute(compiled, { a: 3, b: 11 });
  if (!executed.ok) throw new Error(executed.failure.message);
  return { compiled, witness: executed.witness };
}

const multiplierRun = () => run(MULTIPLIER, 'Multiplier');

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

  it('groth16 keys carry a phase-2 contribution (delta != gamma), made once per circuit, and say it is a single one', async () => {
    const { compiled, witness } = await multiplierRun();
    const proof = await backend.prove(compiled, witness, { system: 'groth16' });
    const key = proof.verificationKey as { vk_delta_2: unknown; vk_gamma_2: unknown };
    // Without a contribution snarkjs leaves delta = gamma = the G2 generator, and anyone can forge.
    expect(key.vk_delta_2).not.toEqual(key.vk_gamma_2);
    expect(proof.warnings?.join(' ')).toMatch(/phase-2 setup is a single local contribution.*multi-party phase 2/);
    const again = await backend.prove(compiled, witness, { system: 'groth16' });
    expect(again.verificationKey).toEqual(proof.verificationKey);
  });

  it('verifies against the compiled circuit\'s own key: a proof of circuit A fails on circuit B', async () => {
    const a = await multiplierRun();
    const b = await run(MULTIPLY_ADD, 'MultiplyAdd');
    const proofA = await backend.prove(a.compiled, a.witness, { system: 'groth16' });
    expect(await backend.verify(a.compiled, proofA)).toBe(true);
    const proofB = await backend.prove(b.compiled, b.witness, { system: 'groth16' });
    expect(await backend.verify(b.compiled, proofB)).toBe(true);
    // A's proof carries A's key, which would verify it: B refuses the foreign key...
    expect(await backend.verify(b.compiled, proofA)).toBe(false);
    // ...and A's proof does not verify under B's own key either.
    expect(await backend.verify(b.compiled, { ...proofA, verificationKey: proofB.verificationKey })).toBe(false);
    // A proof claiming another key is refused by the circuit it was made for.
    expect(await backend.verify(a.compiled, { ...proofA, verificationKey: proofB.verificationKey })).toBe(false);
  });
});
