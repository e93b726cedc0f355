import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = new URL('..', import.meta.url).pathname;
const fixtures = join(root, 'test/fixtures/noir');

async function zkcoder(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [join(root, 'bin/zkcoder.js'), ...args], { cwd: root, timeout: 240_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('zkcoder check (Noir)', () => {
  it('passes accept, reject and forge vectors, proves with UltraHonk and writes the proof', async () => {
    const out = mkdtempSync(join(tmpdir(), 'zkcoder-noir-out-'));
    const result = await zkcoder('check', join(fixtures, 'product'), '--vectors', join(fixtures, 'product.vectors.json'), '--prove', '--out', out);
    expect(result.stdout).toContain('PASS: 4/4 vectors passed (2 accept, 1 reject, 1 forge)');
    expect(result.stdout).toContain('✓ ultrahonk proof verifies');
    expect(result.stdout).toContain('✓ tampered proof rejected');
    expect(result.stdout).toMatch(/INSECURE development CRS/);
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'proof'))).toBe(true);
    expect(JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).passed).toBe(true);
  });

  it('reports a type error with its line', async () => {
    const result = await zkcoder('check', join(fixtures, 'type-error'), '--vectors', join(fixtures, 'product.vectors.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/error: src\/main\.nr:2:\d+: Expected type u8, found type Field/);
    expect(result.stdout).toContain('let z: u8 = x;');
  });

  it('catches an unconstrained quotient through its forge vector', async () => {
    const result = await zkcoder('check', join(fixtures, 'trusting-hint'), '--vectors', join(fixtures, 'trusting-hint.vectors.json'));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('✗ forge[0]: FORGERY ACCEPTED');
  });
});
