import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Lang } from '../compiler-harness/index.js';
import { SharedBarretenberg } from '../compiler-harness/noir/barretenberg.js';
import { BN254_PRIME } from '../compiler-harness/field.js';
import { OutputFolder } from '../compiler-harness/files/output-folder.js';
import { seededUniform } from './onnx/build.js';
import { writeProveOutput } from './output.js';
import { proveModel, type ProveResult } from './prove.js';
import { cnnModel } from './testing/models.js';
import { verifyProofDir, type VerifyDirOptions } from './verify.js';

// Conv 3x3 → Relu → MaxPool 2x2 → Flatten → Gemm at scale 2^8: every rounding is a floor, so the
// outputs are within a few 2^-8 of onnxruntime's.
const CNN_TOLERANCE = 0.03;
// A 6x6 input: the same ops and paths as the default 8x8 at under half the circuit (Groth16 key
// setup is most of the file's CPU time). Conv: 2x4x4 = 32 outputs, the pool 8.
const SIZE = 6;
const CONV_OUTPUTS = 2 * (SIZE - 2) ** 2;

describe.each(['circom', 'noir'] as const)('a CNN (Conv, Relu, MaxPool, Flatten, Gemm) proved in %s', (lang: Lang) => {
  let backend: Backend;
  let result: ProveResult;
  // The folder's checks share one bb.js instance (Circom: the curve the backend proved with).
  const verifier: VerifyDirOptions = lang === 'noir' ? { barretenberg: new SharedBarretenberg({}) } : {};
  const inputs = { x: [[Array.from({ length: SIZE }, (_, row) => Array.from(seededUniform(20 + row, SIZE)))]] };

  beforeAll(async () => {
    backend = await createBackend(lang, { timeoutMs: 600_000 });
    result = await proveModel({ model: cnnModel(5, SIZE), inputs, lang, backend, tolerance: CNN_TOLERANCE });
  }, 900_000);
  afterAll(async () => {
    await verifier.barretenberg?.destroy();
    await backend.dispose();
  });

  it('verifies, agrees with the integer interpreter bit for bit, and is within tolerance of onnxruntime', () => {
    expect(result.verified).toBe(true);
    expect(result.interpreterAgrees).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.maxAbsError).toBeLessThanOrEqual(CNN_TOLERANCE);
    expect(result.layers.map((layer) => layer.op)).toEqual(['Conv', 'Relu', 'MaxPool', 'Flatten', 'Gemm']);
    expect(result.circuit.kb).toEqual(['dense', 'max-pool', 'range-check', 'relu']);
    if (lang === 'circom') {
      // per-layer constraints add up to the circuit's; Flatten adds none, Conv one rescale per output
      const perLayer = result.layers.map((layer) => layer.constraints ?? -1);
      expect(perLayer.reduce((a, b) => a + b, result.inputConstraints ?? 0)).toBe(result.constraints);
      expect(perLayer[3]).toBe(0);
      expect(perLayer[0]).toBeGreaterThanOrEqual(CONV_OUTPUTS * 17);
    } else {
      // ACIR opcodes per layer (debug symbols): Flatten adds none; the rest bind the 3 returned values
      const perLayer = result.layers.map((layer) => layer.constraints ?? -1);
      expect(perLayer.reduce((a, b) => a + b, (result.inputConstraints ?? 0) + 3)).toBe(result.constraints);
      expect(perLayer[3]).toBe(0);
      expect(perLayer[0]).toBeGreaterThanOrEqual(CONV_OUTPUTS);
    }
  });

  it('writes a folder that `verify` accepts, and refuses it once a public output is changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), `zkcoder-prove-cnn-${lang}-`));
    await writeProveOutput(new OutputFolder(dir), result, inputs);
    const report = await readFile(join(dir, 'REPORT.md'), 'utf8');
    expect(report).toContain(`| conv | Conv | 1x2x${SIZE - 2}x${SIZE - 2} | 2^8 | dense | ${result.layers[0].constraints} |`);
    expect((await verifyProofDir(dir, verifier)).verified).toBe(true);
    const publicPath = join(dir, 'proof', 'public.json');
    const signals = JSON.parse(await readFile(publicPath, 'utf8')) as string[];
    const offset = lang === 'circom' ? 0 : SIZE * SIZE; // snarkjs: outputs first; bb.js: the SIZE * SIZE inputs first
    signals[offset] = ((BigInt(signals[offset]) + 1n) % BN254_PRIME).toString();
    await writeFile(publicPath, JSON.stringify(signals));
    expect((await verifyProofDir(dir, verifier)).verified).toBe(false);
  }, 300_000);
});
