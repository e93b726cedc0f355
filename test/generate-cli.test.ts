import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from './agent-scripted.js';
import { root, zkcoder as runZkcoder } from './run-cli.js';

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
    // No model, no spending: the totals say so in the result, the done event and the run's state.
    const none = { requests: 0, inputTokens: 0, outputTokens: 0, totalTokens: 0, costUsd: 0 };
    expect(final.usage).toEqual(none);
    expect(events.find((e) => e.type === 'done').usage).toEqual(none);
    expect(JSON.parse(readFileSync(join(final.runDir, 'state.json'), 'utf8')).results.usage).toEqual(none);
    // The run is saved and listed.
    const runs = await zkcoder(cwd, 'runs', 'list');
    expect(runs.stdout).toContain('done');
    expect(runs.stdout).toContain('softmax lookup');
    const runId = events.find((e) => e.type === 'run-start').runId;
    const shown = await zkcoder(cwd, 'runs', 'show', runId);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`${runId}: done (knowledge-base)`);
    expect(shown.stdout).toMatch(/✓ prove: circom: groth16 verified/);
    const unknown = await zkcoder(cwd, 'runs', 'show', 'no-such-run');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
  }, 400_000);

  it('builds the entry at the parameters the task states: softmax over 5 values is an n=5 circuit, verified and proved', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'softmax over 5 values', '--json', '--out', 'out');
    const events = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    const final = events.at(-1);
    expect(final, result.stderr).toMatchObject({ type: 'result', ok: true, summary: 'verified and proved softmax at n=5, bits=8 in circom and noir from the knowledge base (no model used)' });
    expect(result.code).toBe(0);
    expect(events.find((e) => e.type === 'retrieved').chosen).toBe('softmax');
    expect(events.some((e) => e.type === 'notice' && /^Instantiated at n=5, bits=8\. .*derived from the entry's ZKSL sketch/.test(e.message))).toBe(true);
    expect(events.filter((e) => e.type === 'tested').map((e) => [e.lang, e.passed])).toEqual([['circom', true], ['noir', true]]);
    expect(events.filter((e) => e.type === 'proved').map((e) => [e.lang, e.verified, e.tamperedRejected])).toEqual([['circom', true, true], ['noir', true, true]]);
    // The emitted circuits are the n=5 instances, larger than the entry's n=4 default (n=5, the smallest
    // above it, keeps the run's soundness analyses and proofs short).
    expect(readFileSync(join(cwd, 'out', 'circom', 'zkcoder_main.circom'), 'utf8')).toMatch(/component main\b.*= Softmax\(5, 8\);/);
    expect(readFileSync(join(cwd, 'out', 'noir', 'src', 'main.nr'), 'utf8')).toContain('global N: u32 = 5;');
    const entry = JSON.parse(readFileSync(join(root, 'knowledge-base/primitives/softmax/entry.json'), 'utf8'));
    expect(final.constraintCounts.circom).toBeGreaterThan(entry.counts.circomConstraints);
    const vectors = JSON.parse(readFileSync(join(cwd, 'out', 'vectors.json'), 'utf8'));
    const written = vectors.circom ?? vectors;
    for (const kind of ['accept', 'reject', 'forge']) expect(written[kind].length, kind).toBeGreaterThan(0);
    for (const vector of written.accept) expect(vector.inputs.x).toHaveLength(5);
  }, 400_000);

  it('fails plainly when the stated parameter is outside what the entry supports', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'softmax of 4-bit logits', '--json');
    expect(result.code).toBe(1);
    const final = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(final.summary).toMatch(/^cannot build softmax at n=4, bits=4: .*at least 5\)\. The task asked for bits=4 \("4-bit"\)/);
  });

  it('refuses a task whose stated quantities the entry cannot take, rather than build it at others', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'ReLU over 8 signed 16-bit values', '--json');
    expect(result.code).toBe(1);
    const final = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(final).toMatchObject({ type: 'result', ok: false });
    expect(final.summary).toBe(
      'relu matches the task, but not at what it states. The task says "8 signed 16-bit values" (a number of elements), but relu cannot be built with it (it takes bits (signed width of x)). Rephrase the task, or configure a model to write a new circuit.',
    );
  });

  it('refuses off-topic tasks, listing the nearest entries, and exits 1', async () => {
    const refusal = /^nothing in the knowledge base is a confident match for ".*" \(.+\); nearest: [a-z0-9-]+ \(\d\.\d\d\), /;
    // The command once, as a user runs it: exit 1 and the refusal as the final JSON line.
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'a recipe for banana bread', '--json');
    expect(result.code).toBe(1);
    const final = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
    expect(final).toMatchObject({ type: 'result', ok: false });
    expect(final.summary).toMatch(refusal);
    // The other tasks through the same run without a model, in this process (a process each would
    // start the CLI and load the knowledge base six more times).
    const tasks = ['sha256 of a 512-bit message', 'keccak hash of a string', 'sum of squares of 8 values', 'sort a list', 'ECDSA signature', 'verify a JWT'];
    for (const task of tasks) {
      const { result: refused } = await collect({ task, languages: ['circom', 'noir'] });
      expect(refused.ok, task).toBe(false);
      expect(refused.summary, task).toMatch(refusal);
    }
  }, 300_000);

  it('takes --assume like check: a bad assumption is an input error (exit 2) naming it, before any run starts', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'zkcoder-generate-'));
    const result = await zkcoder(cwd, 'generate', 'range check x < 2^8', '--json', '--assume', 'x < two');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--assume: assumption "x < two": "two" is not a bound');
    expect(result.stdout).toBe('');
  }, 60_000);
});
