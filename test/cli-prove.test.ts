import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ModelBuilder } from '../prover/onnx/build.js';
import { mlpModel, sampleInput } from '../prover/testing/models.js';
import { zkcoder } from './run-cli.js';

describe('zkcoder prove and zkcoder verify', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zkcoder-cli-prove-'));
    await writeFile(join(dir, 'mlp.onnx'), mlpModel({ sizes: [3, 4, 2], seed: 5 }));
    await writeFile(join(dir, 'input.json'), JSON.stringify({ x: sampleInput(3, 9) }));
    const unsupported = new ModelBuilder().input('x', [1, 3]).node('HardSigmoid', ['x'], ['y'], {}, 'gate').output('y', [1, 3]).toBytes();
    await writeFile(join(dir, 'hard-sigmoid.onnx'), unsupported);
  });

  it('proves an MLP with --json (events, then the result), writes --out, and verify accepts it until public.json is edited', async () => {
    const out = join(dir, 'out');
    const run = await zkcoder(['prove', join(dir, 'mlp.onnx'), '--input', join(dir, 'input.json'), '--out', out, '--json', '--tolerance', '0.05'], { timeoutMs: 590_000 });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.filter((line) => line.type === 'stage-end').map((line) => line.stage)).toEqual(['parse', 'quantize', 'reference', 'build', 'compile', 'witness', 'prove', 'verify']);
    const result = lines[lines.length - 1];
    expect(result).toMatchObject({ type: 'result', ok: true, verified: true, lang: 'circom', system: 'groth16', interpreterAgrees: true });
    expect(result.maxAbsError).toBeLessThanOrEqual(0.05);
    expect(Object.keys(result)).toEqual(expect.arrayContaining(['outputs', 'reference', 'constraints', 'timings']));
    expect(await readFile(join(out, 'REPORT.md'), 'utf8')).toContain('| relu0 | Relu | 1x4 |');

    const verified = await zkcoder(['verify', out]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain('verified: circom / groth16');

    const publicPath = join(out, 'proof', 'public.json');
    const signals = JSON.parse(await readFile(publicPath, 'utf8')) as string[];
    signals[1] = (BigInt(signals[1]) + 1n).toString();
    await writeFile(publicPath, JSON.stringify(signals));
    const refused = await zkcoder(['verify', out]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('NOT verified');
  }, 600_000);

  it('refuses an unsupported operator with exit 2, naming the node and op', async () => {
    const run = await zkcoder(['prove', join(dir, 'hard-sigmoid.onnx'), '--input', join(dir, 'input.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('node gate: operator HardSigmoid is not supported');
    expect(run.stderr).toContain('zkcoder op HardSigmoid');
  }, 300_000);

  it('refuses a bad flag and a folder without a proof with exit 2', async () => {
    const badLang = await zkcoder(['prove', join(dir, 'mlp.onnx'), '--input', join(dir, 'input.json'), '--lang', 'halo2']);
    expect(badLang.code).toBe(2);
    expect(badLang.stderr).toContain('--lang: "halo2" is not circom or noir');
    const missing = await zkcoder(['verify', join(dir, 'nowhere')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('claim.json is missing');
  }, 300_000);
});
