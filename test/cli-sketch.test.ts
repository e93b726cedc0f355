import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, zkcoder as runZkcoder } from './run-cli.js';
import { deriveSketchCases } from '../zksl/index.js';

const fixtures = join(root, 'test/fixtures/zksl');

const zkcoder = (...args: string[]) => runZkcoder(args);

describe('zkcoder sketch', () => {
  it('checks a sketch against the vectors it exports', async () => {
    const result = await zkcoder('sketch', 'check', join(root, 'zksl/examples/div-mod.ts'));
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('✓ forge[0]: forge rejected');
    expect(result.stdout).toContain('PASS');
  });

  it('reports an unconstrained hint with its source line and fails', async () => {
    const result = await zkcoder('sketch', 'check', join(fixtures, 'unconstrained-hint.ts'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error[unconstrained-hint]: sketch.ts:10:');
  });

  it('emits Circom with a main component and Noir with a main function', async () => {
    const circom = await zkcoder('sketch', 'emit', join(root, 'zksl/examples/div-mod.ts'), '--lang', 'circom');
    expect(circom.code).toBe(0);
    expect(circom.stdout).toMatch(/template DivMod\(/);
    expect(circom.stdout).toMatch(/component main/);
    const noir = await zkcoder('sketch', 'emit', join(root, 'zksl/examples/div-mod.ts'), '--lang', 'noir', '--param', 'bits=16');
    expect(noir.code).toBe(0);
    expect(noir.stdout).toMatch(/fn main\(/);
    expect(noir.stdout).toMatch(/unconstrained fn/);
  });

  it('lowers to both languages and agrees with the interpreter on every vector', async () => {
    const result = await zkcoder('sketch', 'test', join(root, 'zksl/examples/div-mod.ts'), '--vectors', join(fixtures, 'div-mod.vectors.json'), '--no-soundness');
    expect(result.stdout).toContain('PASS: the interpreter, Circom and Noir agree on every vector');
    expect(result.code).toBe(0);
  });

  it('prints a reference under 3,000 tokens', async () => {
    const result = await zkcoder('sketch', 'reference');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('G.divMod');
    const tokens = Number(/about (\d+) tokens/.exec(result.stderr)?.[1]);
    expect(tokens).toBeGreaterThan(500);
    expect(tokens).toBeLessThan(3000);
  });

  it('refuses a bad parameter and a missing file in one line', async () => {
    const bad = await zkcoder('sketch', 'emit', join(root, 'zksl/examples/div-mod.ts'), '--lang', 'circom', '--param', 'bits');
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim()).toBe('zkcoder: --param: "bits" is not name=integer');
    const missing = await zkcoder('sketch', 'check', 'nope.ts');
    expect(missing.stderr.trim()).toBe('zkcoder: nope.ts: no such file');
  });
});

describe('deriveSketchCases', () => {
  it("derives reproducible accept and reject cases from the module's own reference", async () => {
    const source = readFileSync(join(fixtures, 'square-with-reference.ts'), 'utf8');
    const first = await deriveSketchCases(source, { count: 5, seed: 7 });
    const again = await deriveSketchCases(source, { count: 5, seed: 7 });
    if (!first.ok || !again.ok) throw new Error('derive failed');
    expect(first.cases).toEqual(again.cases);
    expect(first.cases.accept).toHaveLength(5);
    for (const c of first.cases.accept) expect(c.outputs.y).toBe((c.inputs.x as number) ** 2);
    expect(first.cases.reject).toEqual([{ inputs: { x: 256 }, reason: 'x does not fit the declared width' }]);
  });
});
