import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, zkcoder as runZkcoder } from './run-cli.js';

const fixtures = join(root, 'test/fixtures/circom');

const zkcoder = (...args: string[]) => runZkcoder(args);

describe('zkcoder check (Circom)', () => {
  it('passes a sound circuit on accept, reject and forge vectors and exits 0', async () => {
    const result = await zkcoder('check', join(fixtures, 'range-checked-sum.circom'), '--vectors', join(fixtures, 'range-checked-sum.vectors.json'));
    expect(result.stdout).toContain('PASS: 5/5 vectors passed (2 accept, 2 reject, 1 forge)');
    expect(result.stdout).toContain('✓ soundness: no finding');
    expect(result.code).toBe(0);
  });

  it('catches the forge vector of an under-constrained circuit and exits 1', async () => {
    const result = await zkcoder('check', join(fixtures, 'square-root-unsound.circom'), '--vectors', join(fixtures, 'square-root-unsound.vectors.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ forge[0]: FORGERY ACCEPTED');
    // The attacker finds it without the vector's help, with both witnesses' values.
    expect(result.stdout).toContain('✗ soundness: UNSOUND (different-outputs)');
    expect(result.stdout).toContain('main.out: honest 33, also satisfies the constraints: 34');
    expect(result.stdout).toMatch(/warning\[unconstrained-hint\]: square-root-unsound\.circom:10:/);
  });

  it('does not call a circuit unsound because the optimiser merged a private input into an output', async () => {
    const result = await zkcoder('check', join(fixtures, 'pass-through.circom'), '--vectors', join(fixtures, 'pass-through.vectors.json'));
    expect(result.stdout).toContain('✓ soundness: no finding');
    expect(result.code).toBe(0);
  });

  it('skips the attacker with --no-soundness', async () => {
    const result = await zkcoder('check', join(fixtures, 'range-checked-sum.circom'), '--vectors', join(fixtures, 'range-checked-sum.vectors.json'), '--no-soundness');
    expect(result.code).toBe(0);
    expect(result.stdout).not.toContain('soundness');
  });

  it('prints the same report as JSON with --json', async () => {
    const result = await zkcoder('check', join(fixtures, 'multiplier.circom'), '--template', 'Multiplier', '--vectors', join(fixtures, 'multiplier.vectors.json'), '--json');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ lang: 'circom', passed: true, compile: { ok: true, constraintCount: 1 } });
    expect(report.vectors).toHaveLength(2);
  });

  it('reports a compile error with file:line and exits 1', async () => {
    const result = await zkcoder('check', join(fixtures, 'syntax-error.circom'), '--vectors', join(fixtures, 'multiplier.vectors.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error[P1008]: syntax-error.circom:5:20: Missing semicolon');
  });

  it('gives a one-line error, no stack trace, for bad input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zkcoder-cli-'));
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{ "accept": [ { "inputs": 3 } ] }');
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, 'accept:');
    const text = join(dir, 'circuit.txt');
    writeFileSync(text, 'hello');
    const cases: [string[], RegExp][] = [
      [['check', join(dir, 'missing.circom'), '--vectors', garbage], /missing\.circom: no such file or folder/],
      [['check', text, '--vectors', garbage], /not a Circom file \(\.circom\) or a Noir project folder/],
      [['check', dir, '--vectors', garbage], /not a Noir project/],
      [['check', join(fixtures, 'multiplier.circom'), '--template', 'Multiplier', '--vectors', garbage], /garbage\.json: accept\[0\]\.inputs: /],
      [['check', join(fixtures, 'multiplier.circom'), '--template', 'Multiplier', '--vectors', notJson], /not\.json: not valid JSON/],
      [['check', join(fixtures, 'multiplier.circom'), '--template', 'Multiplier', '--vectors', join(fixtures, 'wrong-names.vectors.json')], /accept\[0\]: "c" not an input of the circuit \(its inputs: a, b\)/],
    ];
    for (const [args, message] of cases) {
      const result = await zkcoder(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('answers --help and --version', async () => {
    const help = await zkcoder('--help');
    expect(help.stdout).toContain('check [options] <circuit>');
    const version = await zkcoder('--version');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
