import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Lang } from '../compiler-harness/index.js';
import { SharedBarretenberg } from '../compiler-harness/noir/barretenberg.js';
import { BN254_PRIME } from '../compiler-harness/field.js';
import { writeProveOutput } from './output.js';
import { OutputFolder } from '../compiler-harness/files/output-folder.js';
import { proveModel, type ProveResult } from './prove.js';
import { mlpModel, sampleInput } from './testing/models.js';
import { verifyProofDir, type VerifyDirOptions } from './verify.js';

// Softmax reads its logits at 1 fractional bit (the knowledge-base table), so probabilities are
// within 0.1 of onnxruntime's; without it the MLP's outputs are within 0.05 at scale 2^8.
const SOFTMAX_TOLERANCE = 0.1;
const LINEAR_TOLERANCE = 0.05;

describe.each(['circom', 'noir'] as const)('an MLP (Gemm, Relu, Gemm, Softmax) proved in %s', (lang: Lang) => {
  let backend: Backend;
  let result: ProveResult;
  // The folder's checks share one bb.js instance (Circom: the curve the backend proved with).
  const verifier: VerifyDirOptions = lang === 'noir' ? { barretenberg: new SharedBarretenberg({}) } : {};
  const inputs = { x: sampleInput(4, 11) };

  beforeAll(async () => {
    backend = await createBackend(lang);
    result = await proveModel({ model: mlpModel({ sizes: [4, 6, 3], softmax: true }), inputs, lang, backend, tolerance: SOFTMAX_TOLERANCE });
    // Compile + prove take ~15 s on an idle 2-core machine; a busy one (or a first dev CRS) needs more.
  }, 600_000);
  afterAll(async () => {
    await verifier.barretenberg?.destroy();
    await backend.dispose();
  });

  it('verifies, agrees with the integer interpreter bit for bit, and is within tolerance of onnxruntime', () => {
    expect(result.verified).toBe(true);
    expect(result.interpreterAgrees).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.maxAbsError).toBeLessThanOrEqual(SOFTMAX_TOLERANCE);
    const probabilities = (result.outputs.y as number[][])[0];
    // floor division: the probabilities sum to within (n - 1) / 256 of 1
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeGreaterThan(1 - 3 / 256);
    expect(result.layers.map((layer) => layer.op)).toEqual(['Gemm', 'Relu', 'Gemm', 'Softmax']);
    expect(result.layers[0].maxAbsError).toBeLessThan(LINEAR_TOLERANCE);
    expect(result.circuit.kb).toEqual(['dense', 'range-check', 'relu', 'rescale', 'softmax']);
  });

  it('writes a folder that `verify` accepts, and refuses it once a public output is changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), `zkcoder-prove-${lang}-`));
    await writeProveOutput(new OutputFolder(dir), result, inputs);
    const report = await readFile(join(dir, 'REPORT.md'), 'utf8');
    expect(report).toContain('| dense0 | Gemm | 1x6 | 2^8 | dense |');
    const good = await verifyProofDir(dir, verifier);
    expect(good.verified).toBe(true);
    expect(good.outputs.y).toEqual((result.outputs.y as number[][])[0]);

    const publicPath = join(dir, 'proof', 'public.json');
    const signals = JSON.parse(await readFile(publicPath, 'utf8')) as string[];
    const offset = lang === 'circom' ? 0 : 4; // snarkjs: outputs first; bb.js: inputs first
    signals[offset] = ((BigInt(signals[offset]) + 1n) % BN254_PRIME).toString();
    await writeFile(publicPath, JSON.stringify(signals));
    const tampered = await verifyProofDir(dir, verifier);
    expect(tampered.verified).toBe(false);
  }, 300_000);
});

describe('a linear model without softmax', () => {
  it('is within the linear tolerance of onnxruntime in Circom', async () => {
    const result = await proveModel({ model: mlpModel({ sizes: [5, 4, 2], seed: 3 }), inputs: { x: sampleInput(5, 2) }, lang: 'circom', tolerance: LINEAR_TOLERANCE });
    expect(result.ok).toBe(true);
    expect(result.maxAbsError).toBeLessThanOrEqual(LINEAR_TOLERANCE);
  }, 600_000);
});
