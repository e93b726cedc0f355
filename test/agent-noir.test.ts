import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scriptedModel } from '../agent/model/index.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { NoirBackend } from '../compiler-harness/noir/backend.js';
import { codeAnswer, collect, sketchAnswer, temporaryDir, transcript } from './agent-scripted.js';

const circom = new CircomBackend();
const noir = new NoirBackend();
afterAll(async () => {
  await circom.dispose();
  await noir.dispose();
});
const task = 'square of an 8-bit number';

describe('the agent loop writing Noir with a scripted model', () => {
  it('--lang noir: lowers the sketch to a verified, proved Nargo project', async () => {
    const out = temporaryDir('out');
    const model = scriptedModel({ script: [sketchAnswer('square-correct.ts')] });
    const { events, result } = await collect({ task, model, languages: ['noir'], backends: { noir }, outDir: out });
    expect(result.ok).toBe(true);
    expect(events.find((e) => e.type === 'tested')).toMatchObject({ lang: 'noir', passed: true });
    expect(events.find((e) => e.type === 'proved')).toMatchObject({ lang: 'noir', system: 'ultrahonk', verified: true, tamperedRejected: true });
    expect(readFileSync(join(out, 'noir', 'Nargo.toml'), 'utf8')).toMatch(/type = "bin"/);
    expect(readFileSync(join(out, 'noir', 'src', 'main.nr'), 'utf8')).toContain('fn main(x: u8)');
    expect(JSON.parse(readFileSync(join(out, 'vectors.json'), 'utf8')).forge.length).toBeGreaterThan(0);
  });

  it('write strategy with both languages: keeps the Circom that passed and repairs only the Noir', async () => {
    const out = temporaryDir('out');
    const model = scriptedModel({
      script: [sketchAnswer('square-correct.ts'), codeAnswer('circom', 'square-fixed.circom'), codeAnswer('noir', 'square-broken.nr'), codeAnswer('noir', 'square-fixed.nr')],
    });
    const { events, result } = await collect({ task, model, languages: ['circom', 'noir'], backends: { circom, noir }, strategy: 'write', prove: false, outDir: out });
    expect(result.ok).toBe(true);
    expect(result.iterations).toBe(2);
    expect(transcript(result.runDir).filter((l) => l.role === 'request').map((l) => `${l.purpose}: ${l.content.prompt}`)).toEqual([
      'sketch: sketch.v4',
      'write circom: write-code.v2',
      'write noir: write-code.v2',
      'write noir: repair-code.v2',
    ]);
    // Circom was compiled and checked once; only the Noir came back.
    expect(events.filter((e) => e.type === 'compiled').map((e) => `${e.lang} ${e.ok}`)).toEqual(['circom true', 'noir false', 'noir true']);
    expect(model.calls[3].messages.at(-1)!.content).toMatch(/src\/main\.nr:2/);
    expect(readFileSync(join(out, 'noir', 'Nargo.toml'), 'utf8')).toMatch(/\[package\]/);
    expect(readFileSync(join(out, 'noir', 'src', 'main.nr'), 'utf8')).toContain('(x as Field) * (x as Field);');
    expect(existsSync(join(out, 'circom', 'main.circom'))).toBe(true);
    expect(existsSync(join(out, 'vectors.json'))).toBe(true);
  });
});
