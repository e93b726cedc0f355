import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { mlpModel, sampleInput } from '../prover/testing/models.js';
import { zkcoder } from './run-cli.js';

describe('zkcoder prove --commit-weights and zkcoder verify --weights-commitment', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zkcoder-cli-commit-'));
    await writeFile(join(dir, 'mlp.onnx'), mlpModel({ sizes: [3, 4, 2], seed: 5 }));
    await writeFile(join(dir, 'input.json'), JSON.stringify({ x: sampleInput(3, 9) }));
  });

  it('prints the commitment, and verify checks it against the expected value', async () => {
    const out = join(dir, 'out');
    const run = await zkcoder(['prove', join(dir, 'mlp.onnx'), '--input', join(dir, 'input.json'), '--out', out, '--json', '--commit-weights'], { timeoutMs: 590_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const result = lines[lines.length - 1];
    expect(result).toMatchObject({ type: 'result', ok: true, committedWeights: { count: 26, layers: ['dense0', 'dense1'] } });
    const commitment = result.weightsCommitment as string;
    expect(commitment).toMatch(/^0x[0-9a-f]{64}$/);

    const verified = await zkcoder(['verify', out, '--weights-commitment', commitment]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(`weights commitment = ${commitment}`);
    const other = `0x${(BigInt(commitment) ^ 1n).toString(16).padStart(64, '0')}`;
    const refused = await zkcoder(['verify', out, '--weights-commitment', other]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`NOT verified: the proof's weights commitment ${commitment} is not the expected ${other}`);
    const malformed = await zkcoder(['verify', out, '--weights-commitment', 'xyz']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('weights commitment "xyz" is not a field element');
  }, 600_000);
});
