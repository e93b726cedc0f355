import { mkdtempSync, readFileSync } from 'node:fs';
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

  it('proves and verifies a Groth16 proof with --prove, writes a key with a phase-2 contribution, and says it is a single one', async () => {
    const out = mkdtempSync(join(tmpdir(), 'zkcoder-circom-out-'));
    const result = await zkcoder('check', join(fixtures, 'multiplier.circom'), '--template', 'Multiplier', '--public', 'a', '--vectors', join(fixtures, 'multiplier.vectors.json'), '--prove', '--no-soundness', '--out', out);
    expect(result.stdout).toContain('✓ groth16 proof verifies');
    expect(result.stdout).toContain('✓ tampered proof rejected');
    expect(result.stdout).toMatch(/warning: The Groth16 phase-2 setup is a single local contribution/);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'public.json'), 'utf8'))).toEqual(['33', '3']);
    const key = JSON.parse(readFileSync(join(out, 'verification_key.json'), 'utf8'));
    expect(key.vk_delta_2).not.toEqual(key.vk_gamma_2);
  });

  it('instantiates the template with --params: Bits(4) passes its vectors, Bits(5) does not fit them', async () => {
    const vectors = join(fixtures, 'bits4.vectors.json');
    const four = await zkcoder('check', join(fixtures, 'bits.circom'), '--template', 'Bits', '--params', '4', '--vectors', vectors, '--no-soundness');
    expect(four.stdout).toContain('PASS: 3/3 vectors passed (1 accept, 1 reject, 1 forge)');
    expect(four.code).toBe(0);
    const five = await zkcoder('check', join(fixtures, 'bits.circom'), '--template', 'Bits', '--params', '5', '--vectors', vectors, '--no-soundness');
    expect(five.code).toBe(2);
    expect(five.stderr).toContain(`${vectors}: accept[0].outputs.out: expected an array of 5, got an array of 4`);
  });

  it('answers --help and --version', async () => {
    // The top-level help names each command with its summary (commands load only when run).
    const help = await zkcoder('--help');
    expect(help.stdout).toMatch(/check +compile a Circom file or Noir project/);
    const checkHelp = await zkcoder('check', '--help');
    expect(checkHelp.stdout).toContain('Usage: zkcoder check [options] <circuit>');
    const version = await zkcoder('--version');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
