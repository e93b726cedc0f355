import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, zkcoder as runZkcoder } from './run-cli.js';

const circomFixtures = join(root, 'test/fixtures/circom');
const noirFixtures = join(root, 'test/fixtures/noir');
const multiplier = ['check', join(circomFixtures, 'multiplier.circom'), '--template', 'Multiplier'];

const zkcoder = (...args: string[]) => runZkcoder(args);

/** Each case exits 2 with its one-line error on stderr and no stack trace. */
async function expectInputErrors(cases: [string[], RegExp | string][]): Promise<void> {
  for (const [args, message] of cases) {
    const result = await zkcoder(...args);
    expect(result.code, args.join(' ')).toBe(2);
    if (typeof message === 'string') expect(result.stderr).toContain(message);
    else expect(result.stderr).toMatch(message);
    expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
  }
}

describe('zkcoder check: input errors exit 2 with one line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zkcoder-cli-'));
  const garbage = join(dir, 'garbage.json');
  writeFileSync(garbage, '{ "accept": [ { "inputs": 3 } ] }');

  it('exits 2 on a usage error (a missing required option), 0 on --help', async () => {
    const usage = await zkcoder('check', join(circomFixtures, 'multiplier.circom'));
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("required option '--vectors <file>' not specified");
    expect((await zkcoder('check', '--help')).code).toBe(0);
  });

  it('refuses a missing circuit and one that is neither Circom nor a Noir project', async () => {
    const text = join(dir, 'circuit.txt');
    writeFileSync(text, 'hello');
    await expectInputErrors([
      [['check', join(dir, 'missing.circom'), '--vectors', garbage], /missing\.circom: no such file or folder/],
      [['check', text, '--vectors', garbage], /not a Circom file \(\.circom\) or a Noir project folder/],
      [['check', dir, '--vectors', garbage], /not a Noir project/],
    ]);
  });

  it('refuses a malformed vectors file, naming the file and the JSON path', async () => {
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'accept:');
    const notInteger = join(dir, 'not-integer.json');
    writeFileSync(notInteger, '{ "reject": [ { "inputs": { "a": "abc", "b": 1 }, "reason": "r" } ] }');
    await expectInputErrors([
      [[...multiplier, '--vectors', garbage], /garbage\.json: accept\[0\]\.inputs: /],
      [[...multiplier, '--vectors', notJson], /not\.json: not valid JSON/],
      [[...multiplier, '--vectors', notInteger], `${notInteger}: reject[0].inputs.a: "abc" is not an integer`],
    ]);
  });

  it('refuses vectors that do not fit the circuit, starting with the vectors file: reject vectors too, and unknown outputs', async () => {
    const wrongNames = join(circomFixtures, 'wrong-names.vectors.json');
    const untested = join(circomFixtures, 'multiplier-untested-rejects.vectors.json');
    const wrongOutput = join(circomFixtures, 'multiplier-wrong-output.vectors.json');
    await expectInputErrors([
      [[...multiplier, '--vectors', wrongNames], `zkcoder: ${wrongNames}: accept[0].inputs: "c" is not an input of the circuit (its inputs: a, b) (and 1 more problem)`],
      [[...multiplier, '--vectors', untested], `zkcoder: ${untested}: reject[0].inputs: missing input "b" (its inputs: a, b) (and 1 more problem)`],
      [[...multiplier, '--vectors', wrongOutput], `zkcoder: ${wrongOutput}: accept[0].outputs: "product" is not an output of the circuit (its outputs: out)`],
    ]);
  });

  it('with --json prints a JSON error document and still exits 2', async () => {
    const untested = join(circomFixtures, 'multiplier-untested-rejects.vectors.json');
    const mismatch = await zkcoder(...multiplier, '--vectors', untested, '--json');
    expect(mismatch.code).toBe(2);
    expect(JSON.parse(mismatch.stdout)).toEqual({
      passed: false,
      error: `${untested}: reject[0].inputs: missing input "b" (its inputs: a, b) (and 1 more problem)`,
      exitCode: 2,
      problems: [`${untested}: reject[0].inputs: missing input "b" (its inputs: a, b)`, `${untested}: reject[1].inputs.a: expected a single value, got an array of 2`],
    });
    const missing = await zkcoder('check', join(circomFixtures, 'missing.circom'), '--vectors', untested, '--json');
    expect(missing.code).toBe(2);
    expect(JSON.parse(missing.stdout)).toMatchObject({ passed: false, exitCode: 2, error: expect.stringMatching(/missing\.circom: no such file or folder/) });
  });

  // This circuit's compile never ends: an answer within the time limit shows nothing was compiled.
  const endless = ['check', join(circomFixtures, 'endless-loop.circom'), '--vectors', join(circomFixtures, 'multiplier.vectors.json'), '--timeout', '100000'];
  const product = ['check', join(noirFixtures, 'product'), '--vectors', join(noirFixtures, 'product.vectors.json')];

  it('refuses a proof system the language does not have before compiling anything', async () => {
    await expectInputErrors([
      [[...endless, '--prove', '--system', 'ultrahonk'], '--system ultrahonk: a Circom circuit proves with groth16 or plonk'],
      [[...product, '--prove', '--system', 'plonk'], '--system plonk: a Noir circuit proves with ultrahonk'],
    ]);
  });

  it('refuses a missing or malformed ptau file or CRS folder before compiling anything', async () => {
    const notPtau = join(dir, 'fake.ptau');
    writeFileSync(notPtau, 'not a powers-of-tau file');
    await expectInputErrors([
      [[...endless, '--prove', '--ptau', '/nonexistent/pot12.ptau'], '--ptau: /nonexistent/pot12.ptau: no such file'],
      [[...endless, '--prove', '--ptau', notPtau], `--ptau: ${notPtau} is not a .ptau file`],
      [[...product, '--crs', '/nonexistent-crs'], '--crs: CRS folder /nonexistent-crs must contain bn254_g1.dat and bn254_g2.dat'],
    ]);
  });
});
