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
import { attentionModel } from './testing/models.js';
import { verifyProofDir, type VerifyDirOptions } from './verify.js';

// The knowledge-base lookups read their input at 2 fractional bits (GELU's slope reaches 1.13, so
// up to 0.29 of error), and the softmax table reads logits at 1 fractional bit; everything else is
// within a few 2^-8. Measured: 0.27 and 0.29 on two inputs, from the Gelu table (0.25 at 2 tokens,
// 0.23 at 2 tokens of width 4).
const ATTENTION_TOLERANCE = 0.35;
// 2 tokens of width 4 cover every op and entry 4 tokens of width 8 do, at a quarter of the circuit
// (6,128 constraints instead of 24,072; 11,292 at width 8): Groth16 key setup is most of the file's
// CPU time, and under 2^13 rows the run needs no 2^14 dev ptau.
const TOKENS = 2;
const WIDTH = 4;

describe.each(['circom', 'noir'] as const)('a tiny attention block (MatMul, Transpose, Softmax, LayerNormalization, Gelu, Sigmoid, Tanh, Concat) proved in %s', (lang: Lang) => {
  let backend: Backend;
  let result: ProveResult;
  // The folder's checks share one bb.js instance (Circom: the curve the backend proved with).
  const verifier: VerifyDirOptions = lang === 'noir' ? { barretenberg: new SharedBarretenberg({}) } : {};
  const inputs = { x: Array.from({ length: TOKENS }, (_, row) => Array.from(seededUniform(40 + row, WIDTH))) };

  beforeAll(async () => {
    backend = await createBackend(lang, { timeoutMs: 600_000 });
    result = await proveModel({ model: attentionModel(31, TOKENS, WIDTH), inputs, lang, backend, tolerance: ATTENTION_TOLERANCE });
  }, 900_000);
  afterAll(async () => {
    await verifier.barretenberg?.destroy();
    await backend.dispose();
  });

  it('verifies, agrees with the integer interpreter bit for bit, and is within tolerance of onnxruntime', () => {
    expect(result.verified).toBe(true);
    expect(result.interpreterAgrees).toBe(true);
    expect(result.ok).toBe(true);
    expect(result.maxAbsError).toBeLessThanOrEqual(ATTENTION_TOLERANCE);
    expect(result.layers.map((layer) => layer.op)).toEqual(['MatMul', 'MatMul', 'MatMul', 'Transpose', 'MatMul', 'Mul', 'Softmax', 'MatMul', 'Add', 'LayerNormalization', 'Gelu', 'Sigmoid', 'Tanh', 'Concat']);
    expect(result.circuit.kb).toEqual(['clip', 'dense', 'gelu-lookup', 'layernorm', 'range-check', 'rescale', 'sigmoid-lookup', 'softmax']);
  });

  it('writes a folder that `verify` accepts, and refuses it once a public output is changed', async () => {
    const dir = await mkdtemp(join(tmpdir(), `zkcoder-prove-attention-${lang}-`));
    await writeProveOutput(new OutputFolder(dir), result, inputs);
    expect((await verifyProofDir(dir, verifier)).verified).toBe(true);
    const publicPath = join(dir, 'proof', 'public.json');
    const signals = JSON.parse(await readFile(publicPath, 'utf8')) as string[];
    const offset = lang === 'circom' ? 0 : WIDTH * TOKENS; // snarkjs: outputs first; bb.js: the inputs first
    signals[offset] = ((BigInt(signals[offset]) + 1n) % BN254_PRIME).toString();
    await writeFile(publicPath, JSON.stringify(signals));
    expect((await verifyProofDir(dir, verifier)).verified).toBe(false);
  }, 300_000);
});
