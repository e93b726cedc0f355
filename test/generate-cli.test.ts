import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;

async function zkcoder(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, OPENAI_API_KEY: '', ANTHROPIC_API_KEY: '', OPENAI_BASE_URL: '', ZKCODER_PROVIDER: '', ZKCODER_MODEL: '' };
  try {
    const { stdout, stderr } = await run('node', [join(root, 'bin/zkcoder.js'), ...args], { cwd, env, timeout: 400_000, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('zkcoder generate without a model (knowledge-base mode)', () => {
  it('verifies and proves softmax in both languages, says no model was used, and writes the outputs', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'softmax lookup', '--json', '--out', 'out');
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const final = events.at(-1);
    expect(final, result.stderr).toMatchObject({ type: 'result', ok: true });
    expect(result.code).toBe(0);
    expect(events.find((e) => e.type === 'notice').message).toMatch(/no model was used/);
    expect(events.find((e) => e.type === 'retrieved').chosen).toBe('softmax');
    const proved = events.filter((e) => e.type === 'proved');
    expect(proved.map((e) => [e.lang, e.system, e.verified, e.tamperedRejected])).toEqual([
      ['circom', 'groth16', true, true],
      ['noir', 'ultrahonk', true, true],
    ]);
    for (const file of ['circom/circuit.circom', 'circom/zkcoder_main.circom', 'noir/src/main.nr', 'vectors.json', 'REPORT.md', 'proof/circom/proof.json', 'proof/noir/proof']) {
      expect(existsSync(join(cwd, 'out', file)), file).toBe(true);
    }
    expect(readFileSync(join(cwd, 'out', 'REPORT.md'), 'utf8')).toMatch(/no language model was used/);
    // The run is saved and listed.
    const runs = await zkcoder(cwd, 'runs', 'list');
    expect(runs.stdout).toContain('done');
    expect(runs.stdout).toContain('softmax lookup');
  });

  it('lists the nearest entries and exits non-zero when nothing matches confidently', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'a recipe for banana bread', '--json');
    expect(result.code).toBe(1);
    const final = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(final).toMatchObject({ type: 'result', ok: false });
    expect(final.summary).toMatch(/nothing in the knowledge base is a confident match.*nearest:/);
  });
});
