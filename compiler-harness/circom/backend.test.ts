import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { BN254_PRIME } from '../field.js';
import type { TargetCircuit } from '../types.js';
import { CircomBackend, type CircomCompiled } from './backend.js';

const fixture = (file: string, extra: Partial<TargetCircuit> = {}): TargetCircuit => ({
  lang: 'circom',
  entry: file,
  files: { [file]: readFileSync(new URL(`../../test/fixtures/circom/${file}`, import.meta.url), 'utf8') },
  ...extra,
});

const backend = new CircomBackend({ timeoutMs: 20_000 });
afterAll(() => backend.dispose());

async function compiled(circuit: TargetCircuit): Promise<CircomCompiled> {
  const result = await backend.compile(circuit);
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.compiled!;
}

describe('CircomBackend.compile', () => {
  it('reports a syntax error with its file, line and the offending source line', async () => {
    const result = await backend.compile(fixture('syntax-error.circom'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({
      severity: 'error',
      code: 'P1008',
      file: 'syntax-error.circom',
      line: 5,
      message: 'Missing semicolon',
      sourceLine: '    signal output b',
    });
  });

  it('reports a non-quadratic constraint at its line', async () => {
    const result = await backend.compile(fixture('non-quadratic.circom'));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: 'T3001', file: 'non-quadratic.circom', line: 6 });
  });

  it('instantiates a named template with parameters and counts constraints', async () => {
    const c = await compiled(fixture('multiplier.circom', { template: 'Multiplier' }));
    expect(c.constraintCount).toBe(1);
    expect(c.inputNames).toEqual(['a', 'b']);
    expect(c.outputNames).toEqual(['out']);
  });

  it('keeps an input the optimiser merged into an output (out <== x) as an input', async () => {
    const c = await compiled(fixture('pass-through.circom'));
    expect(c.inputNames.sort()).toEqual(['x', 'y']);
    expect(await backend.execute(c, { x: 5, y: 3 })).toMatchObject({ ok: true, outputs: { out: '5', out2: '15' } });
    expect((await backend.forge(c, { x: 5, y: 3 }, { out: 6 })).accepted).toBe(false);
  });

  it('refuses a template that does not exist, naming it', async () => {
    const result = await backend.compile(fixture('multiplier.circom', { template: 'Nope' }));
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0].message).toContain('no template named Nope');
  });

  it('stops a compile that loops forever and reports a timeout', async () => {
    const looping = new CircomBackend({ timeoutMs: 3_000 });
    const start = performance.now();
    const result = await looping.compile(fixture('endless-loop.circom'));
    await looping.dispose();
    expect(result.timedOut).toBe(true);
    expect(result.diagnostics[0].message).toMatch(/timed out after 3000 ms/);
    expect(performance.now() - start).toBeLessThan(10_000);
  });
});

describe('CircomBackend.execute and forge', () => {
  it('computes outputs and refuses out-of-range inputs with a source location', async () => {
    const c = await compiled(fixture('range-checked-sum.circom'));
    const ok = await backend.execute(c, { x: 200, y: '55' });
    expect(ok).toMatchObject({ ok: true, outputs: { sum: '255' } });
    const refused = await backend.execute(c, { x: 256, y: 0 });
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.failure.kind).toBe('assert');
      expect(refused.failure.location).toEqual({ file: 'range-checked-sum.circom', line: 12 });
      expect(refused.failure.message).toContain('Num2Bits');
    }
    // A second failure reports its own location, not the previous one's.
    const second = await backend.execute(c, { x: 1, y: 300 });
    expect(second.ok).toBe(false);
    if (!second.ok) expect(second.failure.location).toEqual({ file: 'range-checked-sum.circom', line: 13 });
    expect(await backend.execute(c, { x: 1, y: 2 })).toMatchObject({ ok: true, outputs: { sum: '3' } });
  });

  it('names a missing or unknown input instead of running', async () => {
    const c = await compiled(fixture('multiplier.circom', { template: 'Multiplier' }));
    const missing = await backend.execute(c, { a: 3 });
    expect(missing).toMatchObject({ ok: false, failure: { kind: 'input', message: 'missing input "b"' } });
    const unknown = await backend.execute(c, { a: 3, b: 4, c: 5 });
    expect(unknown).toMatchObject({ ok: false, failure: { kind: 'input' } });
    if (!unknown.ok) expect(unknown.failure.message).toContain('no input signal "c"');
  });

  it('rejects a forged output on a sound circuit', async () => {
    const c = await compiled(fixture('multiplier.circom', { template: 'Multiplier' }));
    expect((await backend.forge(c, { a: 3, b: 11 }, { out: 34 })).accepted).toBe(false);
    // Negative numbers are field elements p - |x|: still a forgery, still rejected.
    expect((await backend.forge(c, { a: 3, b: 11 }, { out: -33 })).accepted).toBe(false);
    // ...and they multiply as field elements: (-3) * 11 = p - 33.
    expect(await backend.execute(c, { a: -3, b: 11 })).toMatchObject({ ok: true, outputs: { out: (BN254_PRIME - 33n).toString() } });
  });

  it('catches an output assigned with <-- and never constrained', async () => {
    const c = await compiled(fixture('square-root-unsound.circom'));
    const honest = await backend.execute(c, { a: 3, b: 11 });
    expect(honest).toMatchObject({ ok: true, outputs: { out: '33' } });
    const forged = await backend.forge(c, { a: 3, b: 11 }, { out: 34 });
    expect(forged.accepted).toBe(true);
  });

  it('checkWitness accepts the honest witness and rejects an edited one', async () => {
    const c = await compiled(fixture('multiplier.circom', { template: 'Multiplier' }));
    const run = await backend.execute(c, { a: 5, b: 7 });
    if (!run.ok) throw new Error(run.failure.message);
    expect(await backend.checkWitness(c, run.witness)).toBe(true);
    const edited = [...(run.witness.data as bigint[])];
    edited[1] += 1n;
    expect(await backend.checkWitness(c, { lang: 'circom', data: edited })).toBe(false);
  });
});
