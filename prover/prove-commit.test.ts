import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Lang } from '../compiler-harness/index.js';
import { SharedBarretenberg } from '../compiler-harness/noir/barretenberg.js';
import { BN254_PRIME } from '../compiler-harness/field.js';
import { OutputFolder } from '../compiler-harness/files/output-folder.js';
import { commitValues } from './commit/commitment.js';
import { commitmentHex } from './commit/field.js';
import { privateWeights } from './compose/private-weights.js';
import { readModel } from './onnx/read.js';
import { writeProveOutput } from './output.js';
import { proveModel, type ProveResult } from './prove.js';
import { quantizeGraph } from './quantize/quantize.js';
import { toFieldString } from './quantize/fixed-point.js';
import { mlpModel, sampleInput } from './testing/models.js';
import { verifyProofDir, type VerifyDirOptions } from './verify.js';

// Small on purpose: 26 weights still make a commitment of two layers over more than one Poseidon
// block; a 4-6-3 MLP (51 weights) cost half as much CPU again. The circuit is the one
// test/cli-prove-commit.test.ts proves (weights are inputs), so a run's Groth16 key cache serves both.
const model = mlpModel({ sizes: [3, 4, 2], seed: 3 });
const inputs = { x: sampleInput(3, 5) };

describe.each(['circom', 'noir'] as const)('--commit-weights on an MLP (Gemm, Relu, Gemm) in %s', (lang: Lang) => {
  let backend: Backend;
  let result: ProveResult;
  // The folder's checks share one bb.js instance (Circom: the curve the backend proved with).
  const verifier: VerifyDirOptions = lang === 'noir' ? { barretenberg: new SharedBarretenberg({}) } : {};
  // The weights as the quantizer makes them, independently of the prover run: 3*4+4 + 4*2+2 = 26 values.
  const weights = privateWeights(quantizeGraph(readModel(model), {}));
  const expected = commitValues(lang, weights.flatMap((w) => w.values));

  beforeAll(async () => {
    backend = await createBackend(lang);
    result = await proveModel({ model, inputs, lang, backend, commitWeights: true, tolerance: 0.05 });
  }, 600_000);
  afterAll(async () => {
    await verifier.barretenberg?.destroy();
    await backend.dispose();
  });

  it('proves the outputs, and the commitment in the proof equals the TypeScript Poseidon of the weights', () => {
    expect(result.ok).toBe(true);
    expect(result.interpreterAgrees).toBe(true);
    expect(weights.map((w) => w.values.length)).toEqual([16, 10]);
    expect(result.committedWeights).toMatchObject({ count: 26, layers: ['dense0', 'dense1'] });
    expect(result.weightsCommitment).toBe(commitmentHex(expected));
    // where verify reads it: Circom right after the 2 outputs, Noir after the 3 inputs and 2 outputs
    const offset = lang === 'circom' ? 2 : 5;
    expect(BigInt(result.proof.publicSignals[offset])).toBe(expected);
    expect(result.proof.publicSignals).toHaveLength(6);
    // the weights are inputs, not constants: the sources hold no weight
    const source = Object.values(result.circuit.files).join('\n');
    expect(source).toContain(lang === 'circom' ? 'signal input w0[16];' : 'w0: [Field; 16]');
  });

  it('changes when one weight changes: the circuit computes the new commitment, the TypeScript one agrees', async () => {
    const changed = weights.map((w) => ({ ...w, values: w.layer === 0 ? w.values.map((v, i) => (i === 7 ? v + 1n : v)) : w.values }));
    const changedCommitment = commitValues(lang, changed.flatMap((w) => w.values));
    expect(changedCommitment).not.toBe(expected);
    const executed = await backend.execute(result.compiled, {
      ...result.circuitInputs,
      ...Object.fromEntries(changed.map((w) => [w.name, w.values.map((v) => toFieldString(v, BN254_PRIME))])),
    });
    expect(executed.ok).toBe(true);
    const value = executed.ok ? (lang === 'circom' ? executed.outputs.weightsCommitment : (executed.outputs.return as unknown[])[1]) : undefined;
    expect(BigInt(String(value))).toBe(changedCommitment);
  }, 300_000);

  it('writes a folder verify accepts, without the weights; refuses a tampered commitment and a wrong expected one', async () => {
    const dir = await mkdtemp(join(tmpdir(), `zkcoder-commit-${lang}-`));
    await writeProveOutput(new OutputFolder(dir), result, inputs);
    expect(JSON.parse(await readFile(join(dir, 'inputs.json'), 'utf8')).circuit).toEqual({ in0: result.circuitInputs.in0 });
    const spec = await readFile(join(dir, 'quantization.json'), 'utf8');
    expect(spec).toContain('private (committed)');
    const claim = JSON.parse(await readFile(join(dir, 'proof', 'claim.json'), 'utf8'));
    expect(claim.weightsCommitment).toMatchObject({ value: result.weightsCommitment, count: 26 });
    expect(JSON.parse(await readFile(join(dir, 'result.json'), 'utf8')).weightsCommitment).toBe(result.weightsCommitment);

    const good = await verifyProofDir(dir, { ...verifier, weightsCommitment: result.weightsCommitment });
    expect(good).toMatchObject({ verified: true, weightsCommitment: result.weightsCommitment });
    const other = await verifyProofDir(dir, { ...verifier, weightsCommitment: commitmentHex(expected + 1n) });
    expect(other.verified).toBe(false);
    expect(other.reason).toContain('is not the expected');

    // a claim recording another commitment than the proof's
    const claimPath = join(dir, 'proof', 'claim.json');
    await writeFile(claimPath, JSON.stringify({ ...claim, weightsCommitment: { ...claim.weightsCommitment, value: commitmentHex(expected + 1n) } }));
    const mismatch = await verifyProofDir(dir, verifier);
    expect(mismatch.verified).toBe(false);
    expect(mismatch.reason).toContain('differs from the one recorded');

    // the commitment changed in public.json (and in the claim, consistently): the proof refuses it
    await writeFile(claimPath, JSON.stringify({ ...claim, weightsCommitment: { ...claim.weightsCommitment, value: commitmentHex(expected + 1n) } }));
    const publicPath = join(dir, 'proof', 'public.json');
    const signals = JSON.parse(await readFile(publicPath, 'utf8')) as string[];
    signals[claim.weightsCommitment.offset] = (expected + 1n).toString();
    await writeFile(publicPath, JSON.stringify(signals));
    const tampered = await verifyProofDir(dir, verifier);
    expect(tampered.verified).toBe(false);
    expect(tampered.reason).toBe('the proof does not verify against its public values');
  }, 300_000);
});
