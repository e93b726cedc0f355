import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CircomBackend } from '../../compiler-harness/circom/backend.js';
import { NoirBackend } from '../../compiler-harness/noir/backend.js';
import { ensureDevCrs } from '../../compiler-harness/setup/crs.js';

const scratch = () => mkdtempSync(join(tmpdir(), 'zkcoder-cache-test-'));
const MULTIPLIER = readFileSync(new URL('../fixtures/circom/multiplier.circom', import.meta.url), 'utf8');
const SQUARE = 'fn main(x: Field, y: pub Field) -> pub Field {\n    assert(x * x == y);\n    x + 1\n}\n';

/** Flip bytes in the middle of a file: its header stays valid, its content does not. */
function corrupt(path: string, at = 0.6): void {
  const bytes = readFileSync(path);
  const offset = Math.floor(bytes.length * at);
  for (let i = offset; i < Math.min(offset + 16, bytes.length); i++) bytes[i] ^= 0xff;
  writeFileSync(path, bytes);
}

describe('cached setup material is checked against its digest', () => {
  // A private cache: this test damages it on purpose.
  const home = scratch();
  const backend = new CircomBackend({ home });
  afterAll(() => backend.dispose());

  it('a corrupted Groth16 key, then a corrupted dev ptau, are reported, rebuilt, and the next proof verifies', async () => {
    const compiled = (await backend.compile({ lang: 'circom', entry: 'main.circom', files: { 'main.circom': MULTIPLIER }, template: 'Multiplier', publicInputs: ['a'] })).compiled!;
    const executed = await backend.execute(compiled, { a: 3, b: 11 });
    if (!executed.ok) throw new Error(executed.failure.message);
    const first = await backend.prove(compiled, executed.witness, { system: 'groth16' });
    expect(await backend.verify(compiled, first)).toBe(true);
    const [keys] = readdirSync(join(home, 'keys')).filter((name) => name.endsWith('.groth16'));
    expect(existsSync(join(home, 'keys', keys, 'circuit.zkey.sha256'))).toBe(true);

    corrupt(join(home, 'keys', keys, 'circuit.zkey'));
    const second = await backend.prove(compiled, executed.witness, { system: 'groth16' });
    expect(second.warnings?.join('\n')).toMatch(/the cached groth16 proving key in .* was corrupt \(.*circuit\.zkey no longer matches the SHA-256 recorded when it was written\): deleted and rebuilt/);
    expect(await backend.verify(compiled, second)).toBe(true);

    const [ptau] = readdirSync(join(home, 'ptau-dev')).filter((name) => name.endsWith('.ptau'));
    corrupt(join(home, 'ptau-dev', ptau), 0.8);
    corrupt(join(home, 'keys', keys, 'vkey.json'), 0.5);
    const third = await backend.prove(compiled, executed.witness, { system: 'groth16' });
    const warnings = third.warnings?.join('\n') ?? '';
    expect(warnings).toMatch(/vkey\.json no longer matches/);
    expect(warnings).toMatch(/the cached development powers-of-tau file .*\.ptau was corrupt .*: deleted and rebuilt/);
    expect(await backend.verify(compiled, third)).toBe(true);
  }, 300_000);

  it('a corrupted dev CRS is reported, regenerated, and proves again', async () => {
    const points = 2 ** 12 + 1;
    const crs = await ensureDevCrs({ home, points });
    expect(existsSync(join(crs.crsPath, 'bn254_g1.dat.sha256'))).toBe(true);
    corrupt(join(crs.crsPath, 'bn254_g1.dat'));
    const again = await ensureDevCrs({ home, points });
    expect(again).toMatchObject({ crsPath: crs.crsPath, generated: true });
    expect(again.repaired).toMatch(/the cached development CRS in .* was corrupt \(.*bn254_g1\.dat no longer matches .*\): deleted and rebuilt/);
    expect((await ensureDevCrs({ home, points })).repaired).toBeUndefined();
    const noir = new NoirBackend({ crsPath: again.crsPath, timeoutMs: 60_000 });
    try {
      const compiled = (await noir.compile({ lang: 'noir', entry: 'src/main.nr', files: { 'src/main.nr': SQUARE } })).compiled!;
      const run = await noir.execute(compiled, { x: 3, y: 9 });
      if (!run.ok) throw new Error(run.failure.message);
      expect(await noir.verify(compiled, await noir.prove(compiled, run.witness))).toBe(true);
    } finally {
      await noir.dispose();
    }
  }, 300_000);
});
