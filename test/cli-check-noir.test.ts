import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root, zkcoder as runZkcoder } from './run-cli.js';

const fixtures = join(root, 'test/fixtures/noir');

const zkcoder = (...args: string[]) => runZkcoder(args);

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
