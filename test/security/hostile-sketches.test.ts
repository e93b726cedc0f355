/**
 * The sandbox boundary against hostile model-written sketches: whatever a sketch does to the
 * built-ins inside its sandbox, a failing sketch is never reported as passing, and no lowered file
 * lands outside its folder — through the sketch API, `zkcoder sketch check` / `sketch emit --out`
 * and the agent loop with a scripted model.
 */
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { scriptedModel } from '../../agent/model/index.js';
import { CircomBackend } from '../../compiler-harness/circom/backend.js';
import { FatalError } from '../../cli/fatal.js';
import { registerSketch } from '../../cli/commands/sketch.js';
import { checkSketchVectors, deriveSketchCases, lowerSketchSource } from '../../zksl/index.js';
import { collect, fixture, sketchAnswer } from '../agent-scripted.js';
import { root, zkcoder } from '../run-cli.js';
import { hostileSketches } from './hostile-sketches.js';

const scratch = mkdtempSync(join(tmpdir(), 'zkcoder-hostile-'));
/** Where every attack aims its lowered file; it must stay empty. */
const sentinel = mkdtempSync(join(tmpdir(), 'zkcoder-sentinel-'));
const hostile = hostileSketches(sentinel);
const circom = new CircomBackend();
afterAll(async () => {
  await circom.dispose();
  rmSync(scratch, { recursive: true, force: true });
  rmSync(sentinel, { recursive: true, force: true });
});

// each test starts with an empty sentinel, so one escape is blamed on the sketch that made it
beforeEach(() => {
  for (const name of readdirSync(sentinel)) rmSync(join(sentinel, name), { recursive: true, force: true });
});

const FILES = { circom: ['main.circom'], noir: ['Nargo.toml', 'src/main.nr'] };
const answer = (source: string) => `Here is the sketch.\n\n\`\`\`ts\n${source}\`\`\`\n`;
const sketchFile = (index: number, source: string): string => {
  const file = join(scratch, `hostile-${index}.ts`);
  writeFileSync(file, source);
  return file;
};

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

/** `zkcoder sketch …` in-process: the real command code, its output and exit code captured. */
async function sketchCommand(args: string[]): Promise<{ code: number; stdout: string }> {
  const program = new Command().exitOverride();
  registerSketch(program);
  const lines: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => void lines.push(parts.join(' ')));
  const previous = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(['sketch', ...args], { from: 'user' });
    return { code: Number(process.exitCode ?? 0), stdout: lines.join('\n') };
  } catch (error) {
    if (!(error instanceof FatalError)) throw error;
    return { code: error.exitCode, stdout: `${lines.join('\n')}\n${error.message}` };
  } finally {
    log.mockRestore();
    process.exitCode = previous;
  }
}

describe('hostile sketches', () => {
  it('the fixtures are the failing sketch they claim to be: without the attack, the check fails', async () => {
    expect(hostile.length).toBeGreaterThanOrEqual(12);
    const honest = hostile[0].source.slice(0, hostile[0].source.indexOf('const realJSON'));
    const report = await checkSketchVectors(`${honest}\nexport default square;\n`, undefined);
    expect(report.ok).toBe(false);
    expect(report.summary).toMatch(/output 'y': expected 9, got "10"/);
  });

  describe.each(hostile.map((h, index) => ({ ...h, index })))('$name', ({ source, index }) => {
    it('sketch API: the check fails, with its own and with given vectors; lowerings carry only their fixed files', async () => {
      const own = await checkSketchVectors(source, undefined);
      expect(own.ok, own.summary).toBe(false);
      const given = await checkSketchVectors(source, { accept: [{ inputs: { x: 3 }, outputs: { y: 9 } }], reject: [], forge: [] });
      expect(given.ok, given.summary).toBe(false);
      expect(given.summary).not.toMatch(/forged/);
      for (const lang of ['circom', 'noir'] as const) {
        const lowered = await lowerSketchSource(source, lang);
        if (lowered.ok) expect(Object.keys(lowered.circuit.files).sort()).toEqual(FILES[lang]);
        else expect(lowered.failure.message).toMatch(/sketch/);
      }
      expect(readdirSync(sentinel)).toEqual([]);
    });

    it('zkcoder sketch check reports FAIL (exit 1); sketch emit --out writes only its own files', async () => {
      const file = sketchFile(index, source);
      const check = await sketchCommand(['check', file]);
      expect(check.code).toBe(1);
      expect(check.stdout).toMatch(/^FAIL: /m);
      expect(check.stdout).not.toMatch(/^PASS/m);
      const out = join(scratch, `out-${index}`);
      const emit = await sketchCommand(['emit', file, '--lang', 'circom', '--out', out]);
      if (emit.code === 0) expect(filesUnder(out)).toEqual(['.zkcoder-output', 'main.circom']);
      else expect(emit.code).toBe(1);
      expect(readdirSync(sentinel)).toEqual([]);
    });

    it('agent loop: the sketch is refused and goes back to the model; nothing is written outside the run', async () => {
      const model = scriptedModel({ script: [answer(source)] });
      const { events, result } = await collect({ task: 'square of an 8-bit number', model, maxIterations: 1, backends: { circom } });
      const checks = events.filter((e) => e.type === 'sketch-checked');
      expect(checks.map((e) => e.ok)).toEqual([false]);
      expect(result.ok).toBe(false);
      expect(events.some((e) => e.type === 'error')).toBe(false);
      expect(filesUnder(result.runDir).every((f) => !f.includes('pwned'))).toBe(true);
      expect(readdirSync(sentinel)).toEqual([]);
    });
  });

  it('a refused reply is a repair the model sees, and the next sketch verifies', async () => {
    const model = scriptedModel({ script: [answer(hostile[0].source), sketchAnswer('square-correct.ts')] });
    const { events, result } = await collect({ task: 'square of an 8-bit number', model, maxIterations: 2, backends: { circom } });
    expect(events.filter((e) => e.type === 'sketch-checked').map((e) => e.ok)).toEqual([false, true]);
    expect(result.ok).toBe(true);
    const repairPrompt = model.calls[1].messages.at(-1)!.content;
    expect(repairPrompt).toContain("output 'y': expected");
    expect(repairPrompt).toContain(fixture('square-correct.ts').split('\n')[0]);
    expect(readdirSync(sentinel)).toEqual([]);
  });

  it('garbage from a reference (objects, special keys, non-numbers) is a clear failure, not data', async () => {
    const base = hostile[0].source.slice(0, hostile[0].source.indexOf('export function reference'));
    for (const returned of ['{ y: { nested: true } }', "JSON.parse('{\"__proto__\": 1}')", '{ y: 1e400 }', '{ y: "1; rm -rf /" }']) {
      const derived = await deriveSketchCases(`${base}\nexport default square;\nexport function reference() { return ${returned}; }\nexport function sampleInputs() { return { x: 3 }; }\n`, { count: 1 });
      expect(derived.ok, returned).toBe(false);
      expect(!derived.ok && derived.failure).toMatchObject({ kind: 'sketch', message: expect.stringMatching(/sandbox reply was refused/) });
    }
  });

  it('the real binary: sketch check prints FAIL, sketch emit --out keeps to its folder', async () => {
    const file = sketchFile(100, hostile[0].source);
    const check = await zkcoder(['sketch', 'check', file]);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/^FAIL: /m);
    const escaping = hostile.find((h) => h.name.includes('../'))!;
    const out = join(scratch, 'out-binary');
    const emit = await zkcoder(['sketch', 'emit', sketchFile(101, escaping.source), '--lang', 'noir', '--out', out], { cwd: root });
    expect(emit.code).toBe(0);
    expect(filesUnder(out)).toEqual(['.zkcoder-output', ...FILES.noir].sort());
    expect(readdirSync(sentinel)).toEqual([]);
  });
});
