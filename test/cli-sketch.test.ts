import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { root, zkcoder as runZkcoder } from './run-cli.js';
import { deriveSketchCases } from '../zksl/index.js';

const fixtures = join(root, 'test/fixtures/zksl');

const zkcoder = (...args: string[]) => runZkcoder(args);
const scratch = mkdtempSync(join(tmpdir(), 'zkcoder-cli-sketch-'));
const writeScratch = (name: string, text: string): string => {
  writeFileSync(join(scratch, name), text);
  return join(scratch, name);
};
const divMod = join(root, 'zksl/examples/div-mod.ts');

describe('zkcoder sketch', () => {
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

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

  it('prints the check report as JSON with the interpreter outputs of every accept vector', async () => {
    const result = await zkcoder('sketch', 'check', divMod, '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { ok: boolean; problems: unknown[]; verdicts: { kind: string; ok: boolean; outputs?: unknown }[] };
    expect(report.ok).toBe(true);
    expect(report.problems).toEqual([]);
    expect(report.verdicts.filter((v) => v.kind === 'forge').every((v) => v.ok)).toBe(true);
    expect(report.verdicts[0]).toMatchObject({ kind: 'accept', ok: true, outputs: { q: '14', r: '2' } });
    // negative twin: a failing vector set is reported as JSON too, with exit code 1
    const wrong = writeScratch('wrong.vectors.json', JSON.stringify({ accept: [{ inputs: { a: 100, b: 7 }, outputs: { q: 15 } }] }));
    const failed = await zkcoder('sketch', 'check', divMod, '--vectors', wrong, '--json');
    expect(failed.code).toBe(1);
    expect(JSON.parse(failed.stdout)).toMatchObject({ ok: false, verdicts: [{ kind: 'accept', ok: false }] });
    // vectors that don't fit the sketch: an input error, still a JSON document on stdout
    const misfit = writeScratch('misfit.vectors.json', JSON.stringify({ accept: [{ inputs: { a: 1, b: 2, c: 3 } }], forge: [{ inputs: { a: 1, b: 2 }, outputs: { x: 1 }, reason: 'no such output' }] }));
    const refused = await zkcoder('sketch', 'check', divMod, '--vectors', misfit, '--json');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stdout)).toEqual({
      ok: false,
      error: `${misfit}: accept[0].inputs: unknown input 'c' (DivMod's inputs are a, b) (and 1 more problem)`,
      exitCode: 2,
      problems: [`${misfit}: accept[0].inputs: unknown input 'c' (DivMod's inputs are a, b)`, `${misfit}: forge[0].outputs: unknown output 'x' (DivMod's outputs are q, r)`],
    });
  });

  it('writes the lowered files to --out', async () => {
    const out = join(scratch, 'emitted');
    const circom = await zkcoder('sketch', 'emit', divMod, '--lang', 'circom', '--out', out);
    expect(circom.code).toBe(0);
    expect(circom.stdout.trim()).toBe(`wrote ${join(out, 'main.circom')}`);
    expect(readFileSync(join(out, 'main.circom'), 'utf8')).toMatch(/template DivMod\([\s\S]*component main/);
    const noir = await zkcoder('sketch', 'emit', divMod, '--lang', 'noir', '--out', out);
    expect(noir.code).toBe(0);
    expect(readFileSync(join(out, 'src/main.nr'), 'utf8')).toMatch(/fn main\(/);
    expect(readFileSync(join(out, 'Nargo.toml'), 'utf8')).toMatch(/type = "bin"/);
  });

  it('refuses vectors and parameters whose names the sketch does not have (exit 2, one line)', async () => {
    const typo = writeScratch('typo.vectors.json', JSON.stringify({ accept: [{ inputs: { a: 5, b: 3 } }], reject: [{ inputs: { a: 5, b: 3, typo: 1 }, reason: 'typo' }] }));
    const check = await zkcoder('sketch', 'check', divMod, '--vectors', typo);
    expect(check.code).toBe(2);
    expect(check.stderr.trim()).toBe(`zkcoder: ${typo}: reject[0].inputs: unknown input 'typo' (DivMod's inputs are a, b)`);
    expect(check.stdout).toBe('');
    const misnamed = writeScratch('misnamed.vectors.json', JSON.stringify({ accept: [{ inputs: { a: 5, c: 3 } }] }));
    const test = await zkcoder('sketch', 'test', divMod, '--vectors', misnamed, '--no-soundness');
    expect(test.code).toBe(2);
    expect(test.stderr.trim()).toBe(`zkcoder: ${misnamed}: accept[0].inputs: unknown input 'c' (DivMod's inputs are a, b; missing 'b')`);
    const param = await zkcoder('sketch', 'check', divMod, '--param', 'width=4');
    expect(param.code).toBe(2);
    expect(param.stderr.trim()).toBe("zkcoder: --param: unknown parameter 'width' (DivMod takes bits)");
    const emit = await zkcoder('sketch', 'emit', divMod, '--lang', 'circom', '--param', 'width=4');
    expect(emit.code).toBe(2);
    expect(emit.stderr.trim()).toBe("zkcoder: --param: cannot lower DivMod: unknown parameter 'width' (DivMod takes bits)");
  });

  it('lowers to both languages and agrees with the interpreter on every vector', async () => {
    const result = await zkcoder('sketch', 'test', divMod, '--vectors', join(fixtures, 'div-mod.vectors.json'), '--no-soundness');
    expect(result.stdout).toContain('✓ interpreter = circom on 1 accept vector(s)');
    expect(result.stdout).toContain('✓ interpreter = noir on 1 accept vector(s)');
    expect(result.stdout).toMatch(/size: zksl ≈47 R1CS \(estimate\) · circom 47 R1CS constraints · noir 11 ACIR opcodes, \d+ UltraHonk gates/);
    expect(result.stdout).toContain('PASS: the interpreter, Circom and Noir agree on every vector');
    expect(result.code).toBe(0);
  });

  it('compares outputs even when the vectors state none, and names the first disagreement', async () => {
    // An unconstrained hint is the only way implementations can differ: H.lt reads p − 1 as a
    // 128-bit integer in the interpreter and in Noir (`as u128`), but Circom's `<` reads it as −1.
    const sketch = writeScratch(
      'below-five.ts',
      "import { Bool, Field, H, sketch, witness } from 'zksl';\n" +
        "export default sketch({ name: 'BelowFive', params: {}, inputs: () => ({ x: Field }), outputs: () => ({ below: Bool }),\n" +
        '  body: ({ x }) => ({ below: witness(Bool, H.lt(x, 5)) }) });\n',
    );
    const vectors = writeScratch('below-five.vectors.json', JSON.stringify({ accept: [{ inputs: { x: 3 } }, { inputs: { x: -1 } }] }));
    const result = await zkcoder('sketch', 'test', sketch, '--vectors', vectors, '--no-soundness');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✓ interpreter = noir on 2 accept vector(s)');
    expect(result.stdout).toContain('FAIL: accept[1] {"x":-1}: circom disagrees with the interpreter on output below: interpreter 0, circom 1');
  });

  it('prints a reference under 3,300 tokens', async () => {
    const result = await zkcoder('sketch', 'reference');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('G.divMod');
    const tokens = Number(/about (\d+) tokens/.exec(result.stderr)?.[1]);
    expect(tokens).toBeGreaterThan(500);
    expect(tokens).toBeLessThan(3300);
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
    // the module's invalid inputs, then the value just outside the declared type
    expect(first.cases.reject).toEqual([
      { inputs: { x: 256 }, reason: 'x does not fit the declared width' },
      { inputs: { x: 256 }, reason: 'x = 256 is outside UInt(8)' },
    ]);
    expect(first.cases.notes).toEqual([]);
  });
});
