import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, OutputFolder, OutputFolderError } from '../../compiler-harness/files/output-folder.js';
import { writeOutputs, type RunOutputs } from '../../agent/pipeline/write-outputs.js';
import { chooseOutputFolder } from '../../agent/runs/output-choice.js';
import { runAgent } from '../../agent/run-agent.js';
import { RunStore } from '../../agent/runs/run-store.js';
import type { AgentEvent } from '../../agent/events.js';
import { zkcoder } from '../run-cli.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'zkcoder-out-test-'));

/** A user's folder with files zkcoder also writes: they must survive byte for byte. */
function userFolder(): { dir: string; files: Record<string, string> } {
  const dir = scratch();
  const files = { 'REPORT.md': '# my notes\n', 'vectors.json': '{"mine":true}\n', 'circom/circuit.circom': '// my circuit\n' };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return { dir, files };
}

function unchanged(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) expect(readFileSync(join(dir, path), 'utf8'), path).toBe(text);
}

const outputs: RunOutputs = {
  task: 'square',
  origin: 'test',
  circuits: { circom: { lang: 'circom', files: { 'circuit.circom': '// zkcoder circuit\n' }, entry: 'circuit.circom' } },
  vectors: { circom: { accept: [{ inputs: { x: 3 }, outputs: { y: 9 } }], reject: [], forge: [] } },
  results: [],
  proofs: [],
  iterations: 1,
  notes: [],
};

describe('--out folders', () => {
  it('refuses a non-empty folder zkcoder did not write, leaving every file as it was', async () => {
    const { dir, files } = userFolder();
    const folder = new OutputFolder(dir);
    expect(() => folder.check()).toThrow(OutputFolderError);
    expect(() => folder.check()).toThrow(`${dir}: the folder is not empty and was not written by zkcoder; choose another output folder, or pass --force to write into it anyway`);
    await expect(writeOutputs(folder, outputs)).rejects.toThrow(OutputFolderError);
    unchanged(dir, files);
    expect(existsSync(join(dir, OUTPUT_MARKER))).toBe(false);
  });

  it('writes into it with --force (without claiming it), and into its own output again without', async () => {
    const { dir } = userFolder();
    await writeOutputs(new OutputFolder(dir, { force: true }), outputs);
    expect(readFileSync(join(dir, 'REPORT.md'), 'utf8')).toMatch(/^# square/);
    expect(existsSync(join(dir, OUTPUT_MARKER))).toBe(false);
    const fresh = join(scratch(), 'out');
    await writeOutputs(new OutputFolder(fresh), outputs);
    expect(existsSync(join(fresh, OUTPUT_MARKER))).toBe(true);
    const again = await writeOutputs(new OutputFolder(fresh), { ...outputs, task: 'square again' });
    expect(again.length).toBeGreaterThan(0);
    expect(readFileSync(join(fresh, 'REPORT.md'), 'utf8')).toMatch(/^# square again/);
  });

  it('refuses a circuit file name that would leave the output folder', async () => {
    const out = join(scratch(), 'out');
    const hostile = { ...outputs, circuits: { circom: { lang: 'circom' as const, files: { '../../escaped.circom': 'x' }, entry: '../../escaped.circom' } } };
    await expect(writeOutputs(new OutputFolder(out), hostile)).rejects.toThrow(/refused to write/);
    expect(existsSync(join(out, '..', '..', 'escaped.circom'))).toBe(false);
  });

  it('generate --out into a foreign folder exits 2 with one line naming the folder and --force, before any work', async () => {
    const { dir, files } = userFolder();
    const cwd = scratch();
    const result = await zkcoder(['generate', 'softmax lookup', '--json', '--out', dir], { cwd });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`zkcoder: ${dir}: the folder is not empty and was not written by zkcoder; choose another output folder, or pass --force to write into it anyway`);
    unchanged(dir, files);
    expect(existsSync(join(cwd, '.zkcoder', 'runs'))).toBe(false);
  });
});

describe('run ids and saved output folders', () => {
  it('--resume and runs show take run ids, not paths', async () => {
    const cwd = scratch();
    const resumed = await zkcoder(['generate', '--resume', '../x', '--json'], { cwd });
    expect(resumed.code).toBe(2);
    expect(resumed.stderr.trim()).toBe('zkcoder: --resume: "../x" is not a run id (like 20260102-130405-a1b2c3; see zkcoder runs list)');
    const foreign = scratch();
    writeFileSync(join(foreign, 'state.json'), JSON.stringify({ id: 'x', options: {} }));
    const shown = await zkcoder(['runs', 'show', foreign], { cwd });
    expect(shown.code).toBe(2);
    expect(shown.stderr.trim()).toBe(`zkcoder: "${foreign}" is not a run id (like 20260102-130405-a1b2c3; see zkcoder runs list)`);
  });

  it('a run store opens run ids under its root only, and no state.json copied from another run', () => {
    const store = new RunStore(scratch());
    expect(() => store.open('../../etc')).toThrow(/is not a run id/);
    const run = store.create('task', 'knowledge-base', {});
    const copy = join(store.root, '20260101-000000-abcdef');
    mkdirSync(copy);
    writeFileSync(join(copy, 'state.json'), readFileSync(join(run.dir, 'state.json')));
    expect(() => store.open('20260101-000000-abcdef')).toThrow(/names another run/);
  });

  it('a saved output folder outside the working folder is not written to on resume', async () => {
    const workingDir = scratch();
    const target = scratch();
    const store = new RunStore(join(workingDir, '.zkcoder', 'runs'));
    const run = store.create('square', 'knowledge-base', { task: 'square', languages: ['circom'], outDir: target });
    run.finish('interrupted');
    const events: AgentEvent[] = [];
    const generator = runAgent({ task: '', resume: run.id, store, workingDir, backends: {} });
    for (let next = await generator.next(); !next.done; next = await generator.next()) events.push(next.value);
    expect(events).toEqual([expect.objectContaining({ type: 'error', message: `run ${run.id} names the output folder ${target}, outside ${workingDir}: pass --out ${target} to write there (or --out another folder)` })]);
    expect(readdirSync(target)).toEqual([]);
    // The user's own --out is trusted; a saved folder inside the working folder is fine.
    expect(chooseOutputFolder({ outDir: target, saved: target, workingDir, runId: run.id })).toEqual({ ok: true, outDir: target });
    expect(chooseOutputFolder({ saved: 'out', workingDir, runId: run.id })).toEqual({ ok: true, outDir: join(workingDir, 'out') });
    expect(chooseOutputFolder({ saved: '../elsewhere', workingDir, runId: run.id }).ok).toBe(false);
  });
});
