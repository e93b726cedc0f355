import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zkcoder as runZkcoder } from './run-cli.js';

const zkcoder = (cwd: string, ...args: string[]) => runZkcoder(args, { cwd, timeoutMs: 400_000 });

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
  }, 400_000);

  it('lists the nearest entries and exits non-zero when nothing matches confidently', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'a recipe for banana bread', '--json');
    expect(result.code).toBe(1);
    const final = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(final).toMatchObject({ type: 'result', ok: false });
    expect(final.summary).toMatch(/nothing in the knowledge base is a confident match.*nearest:/);
  });
});
