import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBackend } from '../compiler-harness/index.js';
import { BN254_PRIME } from '../compiler-harness/field.js';
import { OutputFolder } from '../compiler-harness/files/output-folder.js';
import { writeProveOutput } from './output.js';
import { proveModel } from './prove.js';
import { arithmeticOpsModel } from './testing/models.js';
import { verifyProofDir } from './verify.js';

describe('a model of Sub, Neg, Sum, Abs, Max, Min, ReduceSum, ReduceMean, Squeeze, Unsqueeze and Dropout', () => {
  it('is proved in Circom (Groth16), verified, and refused once a public output is changed', async () => {
    const backend = await createBackend('circom');
    try {
      const inputs = { x: [[0.7, -1.2, 0.33], [-0.45, 1.1, -0.9]] };
      const result = await proveModel({ model: arithmeticOpsModel(), inputs, lang: 'circom', backend, tolerance: 0.02 });
      expect(result.verified).toBe(true);
      expect(result.interpreterAgrees).toBe(true);
      expect(result.ok).toBe(true);
      expect(result.layers.map((layer) => layer.op)).toContain('ReduceMean');
      const dir = await mkdtemp(join(tmpdir(), 'zkcoder-prove-ops-'));
      await writeProveOutput(new OutputFolder(dir), result, inputs);
      expect((await verifyProofDir(dir)).verified).toBe(true);
      const publicPath = join(dir, 'proof', 'public.json');
      const signals = JSON.parse(await readFile(publicPath, 'utf8')) as string[];
      signals[0] = ((BigInt(signals[0]) + 1n) % BN254_PRIME).toString();
      await writeFile(publicPath, JSON.stringify(signals));
      expect((await verifyProofDir(dir)).verified).toBe(false);
    } finally {
      await backend.dispose();
    }
  }, 600_000);
});
