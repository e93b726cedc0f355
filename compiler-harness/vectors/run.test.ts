import { readFileSync } from 'node:fs';
import { acvm } from '@noir-lang/noir_js';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCircuit } from '../check.js';
import { CircomBackend, type CircomCompiled } from '../circom/backend.js';
import { NoirBackend, type NoirCompiledCircuit } from '../noir/backend.js';
import type { TargetCircuit } from '../types.js';
import { vectorProblems } from './match.js';
import { rejectRefusal, runVectors } from './run.js';
import type { TestVectors } from './schema.js';

const circom = new CircomBackend({ timeoutMs: 30_000 });
const noir = new NoirBackend({ timeoutMs: 30_000 });
afterAll(() => Promise.all([circom.dispose(), noir.dispose()]));

const circomFixture = (file: string, template?: string): TargetCircuit => ({
  lang: 'circom',
  entry: file,
  files: { [file]: readFileSync(new URL(`../../test/fixtures/circom/${file}`, import.meta.url), 'utf8') },
  template,
});
const noirProgram = (main: string): TargetCircuit => ({ lang: 'noir', entry: 'src/main.nr', files: { 'src/main.nr': main } });

// Typed inputs: Noir refuses a value outside its declared integer type before the circuit runs.
const TYPED = `struct Pair { a: u8, b: Field }
fn main(x: u8, p: Pair, t: (u8, Field)) -> pub Field {
    assert(p.b != 0, "p.b must be non-zero");
    (x as Field) + (p.a as Field) * p.b + (t.0 as Field) + t.1
}
`;
const honest = { x: 5, p: { a: 2, b: 3 }, t: [1, 4] };

async function compileCircom(circuit: TargetCircuit): Promise<CircomCompiled> {
  const result = await circom.compile(circuit);
  if (!result.compiled) throw new Error(result.rawOutput);
  return result.compiled;
}

async function compileNoir(source: string): Promise<NoirCompiledCircuit> {
  const result = await noir.compile(noirProgram(source));
  if (!result.compiled) throw new Error(result.rawOutput);
  return result.compiled;
}

const rejects = (...inputs: Record<string, unknown>[]): TestVectors => ({
  accept: [],
  forge: [],
  reject: inputs.map((i) => ({ inputs: i, reason: 'must be refused' })),
});

describe('reject vectors must test the circuit', () => {
  it('a circuit that accepts every input cannot pass reject vectors whose inputs are unreadable: they are vectors problems', async () => {
    const report = await checkCircuit({
      backend: circom,
      circuit: circomFixture('multiplier.circom', 'Multiplier'),
      vectors: { ...rejects({ a: 1 }, { a: 'abc', b: 1 }, { a: [1, 2], b: 1 }), accept: [{ inputs: { a: 3, b: 11 }, outputs: { product: 33 } }] },
      vectorsSource: 'm.json',
      soundness: false,
    });
    expect(report.vectorProblems).toEqual([
      'm.json: accept[0].outputs: "product" is not an output of the circuit (its outputs: out)',
      'm.json: reject[0].inputs: missing input "b" (its inputs: a, b)',
      'm.json: reject[1].inputs.a: "abc" is not an integer (write a number or a decimal string)',
      'm.json: reject[2].inputs.a: expected a single value, got an array of 2',
    ]);
    expect(report.vectors).toEqual([]);
    expect(report.passed).toBe(false);
  });

  it('fails a well-formed reject vector the circuit accepts, and passes one it refuses with an assert', async () => {
    const multiplier = await compileCircom(circomFixture('multiplier.circom', 'Multiplier'));
    const [accepted] = await runVectors(circom, multiplier, rejects({ a: 1, b: 2 }));
    expect(accepted).toMatchObject({ passed: false, got: { out: '2' } });
    expect(accepted.message).toMatch(/^accepted inputs it must refuse/);
    const rangeChecked = await compileCircom(circomFixture('range-checked-sum.circom'));
    const [refused] = await runVectors(circom, rangeChecked, rejects({ x: 256, y: 0 }));
    expect(refused.passed).toBe(true);
    expect(refused.message).toMatch(/^refused: assert or === constraint failed at .*Num2Bits/);
  });

  it('counts a Noir value outside its declared integer type as refused, and an assert too', async () => {
    const typed = await compileNoir(TYPED);
    const verdicts = await runVectors(
      noir,
      typed,
      rejects({ ...honest, x: 256 }, { ...honest, x: -1 }, { ...honest, p: { a: 300, b: 3 } }, { ...honest, p: { a: 2, b: 0 } }, honest),
    );
    expect(verdicts.map((v) => v.passed)).toEqual([true, true, true, true, false]);
    expect(verdicts[0].message).toMatch(/^refused by its input type: x = 256 is outside u8 \(0\.\.255\)/);
    expect(verdicts[1].message).toMatch(/^refused by its input type: x = -1 is outside u8/);
    expect(verdicts[2].message).toMatch(/^refused by its input type: p\.a = 300 is outside u8/);
    expect(verdicts[3].message).toBe('refused: p.b must be non-zero');
    expect(verdicts[4].message).toMatch(/^accepted inputs it must refuse/);
  });

  it('that typed refusal is real: the compiled program range-checks a u8 parameter even when nothing else uses it', async () => {
    const unused = await compileNoir('fn main(x: u8, y: Field) -> pub Field {\n    y\n}\n');
    const run = await noir.execute(unused, { x: 5, y: 7 });
    if (!run.ok) throw new Error(run.failure.message);
    expect(await noir.checkWitness(unused, run.witness)).toBe(true);
    // Witness 0 is x: a prover who skips the ABI encoder and writes 256 there is still refused.
    const stack = acvm.decompressWitnessStack(run.witness.data as Uint8Array);
    stack[0].witness.set(0, `0x${(256n).toString(16).padStart(64, '0')}`);
    expect(await noir.checkWitness(unused, { lang: 'noir', data: acvm.compressWitnessStack(stack) })).toBe(false);
  });

  it('matches struct fields, tuple lengths and the return value against the Noir ABI', async () => {
    const typed = await compileNoir(TYPED);
    const vectors: TestVectors = {
      accept: [{ inputs: honest, outputs: { out: [1, 2] } }],
      reject: [
        { inputs: { ...honest, p: { a: 1, b: 2, c: 3 } }, reason: 'extra field' },
        { inputs: { ...honest, p: { a: 1 } }, reason: 'missing field' },
        { inputs: { ...honest, t: [1] }, reason: 'short tuple' },
        { inputs: { ...honest, p: 7 }, reason: 'not a struct' },
      ],
      forge: [],
    };
    expect(vectorProblems(vectors, typed, 't.json')).toEqual([
      't.json: accept[0].outputs (as the return value): expected a single value, got an array of 2',
      't.json: reject[0].inputs.p: "c" is not a field of the struct (its fields: a, b)',
      't.json: reject[1].inputs.p: missing field "b"',
      't.json: reject[2].inputs.t: expected a tuple of 2, got an array of 1',
      't.json: reject[3].inputs.p: expected a struct with fields a, b, got a single value',
    ]);
    expect(vectorProblems({ accept: [{ inputs: honest, outputs: { return: 19 } }], reject: [], forge: [] }, typed)).toEqual([]);
  });
});

describe('rejectRefusal', () => {
  it('leaves a vector untested when its inputs could not be read or it timed out', () => {
    expect(rejectRefusal({ kind: 'input', message: 'Expected argument `y`', raw: '' }, undefined)).toMatchObject({ passed: false, message: expect.stringMatching(/^untested/) });
    expect(rejectRefusal({ kind: 'timeout', message: 'timed out', raw: '' }, undefined).passed).toBe(false);
    expect(rejectRefusal({ kind: 'input', message: 'out of range', raw: '' }, 'x = 256 is outside u8 (0..255)').passed).toBe(true);
    expect(rejectRefusal({ kind: 'assert', message: 'x must be non-zero', raw: '' }, undefined).passed).toBe(true);
  });
});
