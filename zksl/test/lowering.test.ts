/** Shape of the lowered code, and boundary types (bool, uN, tensors) through both toolchains. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toField } from '../core/field.js';
import { runWitness } from '../core/run.js';
import divMod from '../examples/div-mod.js';
import { lowerToCircom, lowerToNoir } from '../index.js';
import { Arr, assertRange, Bool, Field, G, sketch, Tensor, UInt, type Signal } from '../runtime.js';
import { sanitize } from '../lower/common.js';
import { compileCircom, compileNoir } from './toolchains.js';

const divModSource = { text: readFileSync(new URL('../examples/div-mod.ts', import.meta.url), 'utf8'), file: 'div-mod.ts' };

describe('Circom lowering', () => {
  const circom = lowerToCircom(divMod, undefined, { source: divModSource }).files['main.circom'];

  it('emits a Circom 2 template with main, public inputs and outputs', () => {
    expect(circom).toMatch(/^pragma circom 2\.1\.0;/);
    expect(circom).toContain('component main {public [b]} = DivMod();');
    expect(circom).toMatch(/signal output q;\n\s+signal output r;/);
  });

  it('follows every hint with its checks', () => {
    // q is the quotient hint: its UInt(8) range check comes right after the <--
    expect(circom).toMatch(/q <-- a \\ b;\n\s+\/\/ UInt\(8\) check: 0 <= q < 2\^8\n\s+signal rc\d+\[8\];/);
    expect(circom).toMatch(/r <-- a % b;\n\s+\/\/ UInt\(8\) check/);
  });

  it('names signals after sketch variables and marks source lines', () => {
    expect(circom).toContain('signal d_prod;');
    expect(circom).toContain('// div-mod.ts:10');
    // trusted sketch objects: the sketch file is read from the locations
    expect(lowerToCircom(divMod).files['main.circom']).toContain('signal d_prod;');
  });
});

describe('Noir lowering', () => {
  const noir = lowerToNoir(divMod, undefined, { source: divModSource }).files['src/main.nr'];

  it('types main arguments and returns the outputs', () => {
    expect(noir).toContain('fn main(a: u8, b: pub u8) -> pub (Field, Field) {');
    expect(noir).toMatch(/\n\s+\(q, r\)\n\}/);
  });

  it('calls every hint in unsafe {} under a Safety comment, followed by its asserts', () => {
    const lines = noir.split('\n');
    const calls = lines.flatMap((line, i) => (line.includes('unsafe {') ? [i] : []));
    expect(calls.length).toBe(2);
    for (const i of calls) {
      expect(lines[i - 1]).toMatch(/\/\/ Safety: /);
      expect(lines[i + 1]).toMatch(/assert/);
    }
    expect(noir).toMatch(/unconstrained fn hint_div_\d+\(x0: Field, x1: Field\) -> Field/);
  });

  it('checker variant takes the outputs as parameters instead of computing them', () => {
    const checker = lowerToNoir(divMod, undefined, { checkOutputs: true }).files['src/main.nr'];
    expect(checker).toContain('fn main(a: u8, b: pub u8, q: pub Field, r: pub Field) {');
    expect(checker).not.toMatch(/let q = unsafe/);
  });
});

describe('boundary types through both toolchains', () => {
  const boundary = sketch({
    name: 'Boundary',
    params: {},
    inputs: () => ({ flag: Bool, n: UInt(16), grid: Tensor(UInt(8), [2, 3]), pair: Arr(Field, 2) }),
    outputs: () => ({ picked: Field, sums: Arr(Field, 2), grid2: Tensor(Field, [2, 3]) }),
    body: ({ flag, n, grid, pair }) => {
      const rows: Signal[][] = grid;
      const sums = rows.map((row) => G.sum(row));
      return { picked: G.select(flag, pair[0], pair[1]).add(n), sums, grid2: rows.map((row) => row.map((x) => x.scale(2))) };
    },
  });
  const inputs = { flag: 1, n: 65535, grid: [[1, 2, 3], [4, 5, 6]], pair: [10, 20] };
  const expected = [65545n, 6n, 15n, 2n, 4n, 6n, 8n, 10n, 12n];

  it('interpreter, Circom and Noir agree; out-of-type inputs are refused by all', async () => {
    const run = runWitness(boundary, { inputs });
    expect(run.ok && Object.values(run.outputs).flat(3).map((v) => toField(v))).toEqual(expected);
    const [circom, noir] = await Promise.all([compileCircom(lowerToCircom(boundary)), compileNoir(lowerToNoir(boundary))]);
    expect((await circom.witness(inputs)).slice(1, 10)).toEqual(expected);
    expect(await noir.execute(inputs)).toEqual(expected);
    const bad = { ...inputs, grid: [[1, 2, 3], [4, 5, 256]] };
    expect(runWitness(boundary, { inputs: bad }).ok).toBe(false);
    await expect(circom.witness(bad)).rejects.toThrow();
    await expect(noir.execute(bad)).rejects.toThrow();
  });
});

describe('names', () => {
  it('refuses declared names that are keywords in a target language', () => {
    const clash = sketch({ name: 'Clash', params: {}, inputs: () => ({ signal: Field }), outputs: () => ({ out: Field }), body: ({ signal }) => ({ out: signal }) });
    expect(() => lowerToCircom(clash)).toThrow(/'signal' cannot be used/);
    const fine = sketch({ ...clash, inputs: () => ({ level: Field }), body: ({ level }) => ({ out: level }) });
    expect(lowerToNoir(fine).files['src/main.nr']).toContain('fn main(level: Field) -> pub Field');
  });

  it('renames sketch variables that clash with keywords or helpers', () => {
    expect(['i', 'fn', 'signal', 'rc3', 'lk0_sum', 'T_exp', 'hint_div_0', 'x[2]', '2abc', 'ok'].map(sanitize)).toEqual([
      'i_',
      'fn_',
      'signal_',
      'rc3_',
      'lk0_sum_',
      'T_exp_',
      'hint_div_0_',
      'x_2',
      's_2abc',
      'ok',
    ]);
  });
});

describe('text from the sketch in lowered code', () => {
  // A sketch name or label with a newline must not end its comment and inject lines of code.
  const injected = 'Evil\ncomponent main = Other();\n}\nfn main() { assert(false); }';
  const hostile = sketch({
    name: injected,
    params: {},
    inputs: () => ({ x: UInt(8) }),
    outputs: () => ({ out: UInt(8) }),
    body: ({ x }) => {
      assertRange(x, 8, `label\nsignal input stolen;\n"); assert(false, "`);
      return { out: x };
    },
  });

  it('stays inside comments and strings in both languages', () => {
    const circom = lowerToCircom(hostile).files['main.circom'];
    const noir = lowerToNoir(hostile).files['src/main.nr'];
    for (const code of [circom, noir]) {
      expect(code).not.toMatch(/^\s*component main = Other\(\);/m);
      expect(code).not.toMatch(/^\s*signal input stolen;/m);
      expect(code).not.toMatch(/^\s*fn main\(\) \{ assert\(false\); \}/m);
    }
  });
});
