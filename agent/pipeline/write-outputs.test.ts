import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { TestVectors } from '../../compiler-harness/vectors/schema.js';
import { writeOutputs, type RunOutputs } from './write-outputs.js';

const circomVectors: TestVectors = { accept: [{ inputs: { x: '1' }, outputs: { h: '11' } }], reject: [], forge: [] };
const noirVectors: TestVectors = { accept: [{ inputs: { x: '1' }, outputs: { h: '22' } }], reject: [], forge: [] };

function outputs(vectors: RunOutputs['vectors']): RunOutputs {
  return {
    task: 'hash one value',
    origin: 'test',
    circuits: {
      circom: { lang: 'circom', files: { 'main.circom': 'pragma circom 2.1.0;\n' }, entry: 'main.circom' },
      // As the model writes it: a program without its manifest.
      noir: { lang: 'noir', files: { 'src/main.nr': 'fn main(x: Field) -> pub Field { x }\n' }, entry: 'src/main.nr', name: 'hash-one' },
    },
    vectors,
    results: [],
    proofs: [],
    iterations: 1,
    notes: [],
  };
}

describe('writeOutputs', () => {
  it('writes a complete Nargo project and each language its own vectors when they differ', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zkcoder-out-'));
    await writeOutputs(dir, outputs({ circom: circomVectors, noir: noirVectors }));
    expect(readFileSync(join(dir, 'noir', 'Nargo.toml'), 'utf8')).toContain('name = "hash_one"\ntype = "bin"');
    expect(existsSync(join(dir, 'noir', 'src', 'main.nr'))).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'circom', 'vectors.json'), 'utf8'))).toEqual(circomVectors);
    expect(JSON.parse(readFileSync(join(dir, 'noir', 'vectors.json'), 'utf8'))).toEqual(noirVectors);
    expect(existsSync(join(dir, 'vectors.json'))).toBe(false);
    expect(readFileSync(join(dir, 'REPORT.md'), 'utf8')).toContain('Vectors: `circom/vectors.json` and `noir/vectors.json`');
  });

  it('writes one vectors.json when the languages share their vectors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zkcoder-out-'));
    await writeOutputs(dir, outputs({ circom: circomVectors, noir: circomVectors }));
    expect(JSON.parse(readFileSync(join(dir, 'vectors.json'), 'utf8'))).toEqual(circomVectors);
    expect(existsSync(join(dir, 'noir', 'vectors.json'))).toBe(false);
  });
});
