import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createBackend, type Backend } from '../../compiler-harness/index.js';
import { BUILTIN_PRIMITIVES } from '../../knowledge-base/entry.js';
import { circomCommitmentFiles, circomCommitmentLines, CIRCOM_POSEIDON_INCLUDE, noirCommitmentLines } from '../compose/commitment.js';
import { commitValues } from './commitment.js';
import { FIELD_MODULUS } from './field.js';
import { poseidonEx } from './poseidon-circom.js';
import { poseidon2Hash } from './poseidon2.js';

/** The knowledge base's Poseidon vectors (computed by circom and noir): out = H(value, salt). */
function kbVectors(file: string): { inputs: { value: number; salt: number }; outputs: { out: string } }[] {
  return JSON.parse(readFileSync(join(BUILTIN_PRIMITIVES, 'poseidon-commitment', file), 'utf8')).accept;
}

describe('the TypeScript Poseidon hashes', () => {
  it('equal circomlib Poseidon(2) and noir std Poseidon2 on the knowledge-base vectors', () => {
    for (const v of kbVectors('vectors.json')) expect(poseidonEx([BigInt(v.inputs.value), BigInt(v.inputs.salt)]).toString()).toBe(v.outputs.out);
    for (const v of kbVectors('vectors.noir.json')) expect(poseidon2Hash([BigInt(v.inputs.value), BigInt(v.inputs.salt)]).toString()).toBe(v.outputs.out);
  });

  it('change when one value changes, and with the count', () => {
    const values = Array.from({ length: 20 }, (_, i) => BigInt(i * 7 - 50));
    for (const lang of ['circom', 'noir'] as const) {
      const base = commitValues(lang, values);
      expect(commitValues(lang, values.map((v, i) => (i === 17 ? v + 1n : v)))).not.toBe(base);
      expect(commitValues(lang, [...values, 0n])).not.toBe(base);
      expect(base < FIELD_MODULUS).toBe(true);
    }
  });
});

/** 37 values: three Circom steps (16 + 16 + 5) and 13 Noir permutations (the last group of 1). */
const values = Array.from({ length: 37 }, (_, i) => BigInt((i * 7919) % 601) - 300n);
const field = (v: bigint) => ((v % FIELD_MODULUS) + FIELD_MODULUS) % FIELD_MODULUS;

describe('the commitment lines compute the TypeScript commitment', () => {
  let circom: Backend;
  let noir: Backend;
  beforeAll(async () => {
    circom = await createBackend('circom');
    noir = await createBackend('noir');
  });
  afterAll(() => {
    circom.dispose();
    noir.dispose();
  });

  it('in Circom', async () => {
    const names = values.map((_, i) => `v[${i}]`);
    const source = ['pragma circom 2.1.0;', CIRCOM_POSEIDON_INCLUDE, 'template C() {', `    signal input v[${values.length}];`, '    signal output c;', ...circomCommitmentLines(names, 'c', 'hash'), '}', 'component main = C();', ''].join('\n');
    const compiled = await circom.compile({ lang: 'circom', files: { 'c.circom': source, ...circomCommitmentFiles() }, entry: 'c.circom', name: 'commit' });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const executed = await circom.execute(compiled.compiled!, { v: values.map((v) => field(v).toString()) });
    expect(executed.ok && BigInt(executed.outputs.c as string)).toBe(commitValues('circom', values));
    // 3 steps of 612 S-box constraints and 1 for the step's output
    expect(compiled.compiled!.constraintCount).toBe(3 * 613);
  }, 300_000);

  it('in Noir', async () => {
    const names = values.map((_, i) => `v[${i}]`);
    const source = [`fn main(v: [Field; ${values.length}]) -> pub Field {`, ...noirCommitmentLines(names, 'c'), '    c', '}', ''].join('\n');
    const files = { 'Nargo.toml': '[package]\nname = "commit"\ntype = "bin"\n[dependencies]\n', 'src/main.nr': source };
    const compiled = await noir.compile({ lang: 'noir', files, entry: 'src/main.nr', name: 'commit' });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const executed = await noir.execute(compiled.compiled!, { v: values.map((v) => field(v).toString()) });
    expect(executed.ok).toBe(true);
    const out = executed.ok ? executed.outputs : {};
    expect(BigInt(String(Object.values(out)[0]))).toBe(commitValues('noir', values));
  }, 300_000);
});
