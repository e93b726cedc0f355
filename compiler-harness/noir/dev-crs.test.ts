import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureDevCrs, validateCrs } from '../setup/crs.js';
import type { Witness } from '../types.js';
import { NoirBackend, type NoirCompiledCircuit } from './backend.js';

const scratch = mkdtempSync(join(tmpdir(), 'zkcoder-crs-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

// 2^12 + 1 points cover the small test circuit (bb.js asks for 4096 + 1) and take about a second.
const POINTS = 2 ** 12 + 1;
const SQUARE = 'fn main(x: Field, y: pub Field) -> pub Field {\n    assert(x * x == y);\n    x + 1\n}\n';

/** Compile and execute once (with any CRS), then prove and verify with the CRS under test. */
let honest: Promise<{ compiled: NoirCompiledCircuit; witness: Witness }> | undefined;
function honestRun() {
  honest ??= (async () => {
    const backend = new NoirBackend({ timeoutMs: 30_000 });
    try {
      const compiled = (await backend.compile({ lang: 'noir', entry: 'src/main.nr', files: { 'src/main.nr': SQUARE } })).compiled!;
      const run = await backend.execute(compiled, { x: 3, y: 9 });
      if (!run.ok) throw new Error(run.failure.message);
      return { compiled, witness: run.witness };
    } finally {
      await backend.dispose();
    }
  })();
  return honest;
}

async function proveWith(crsPath: string): Promise<boolean> {
  const { compiled, witness } = await honestRun();
  const backend = new NoirBackend({ crsPath });
  try {
    const proof = await backend.prove(compiled, witness);
    expect(proof.warnings).toBeUndefined(); // a user-supplied CRS is not flagged as development material
    return await backend.verify(compiled, proof);
  } finally {
    await backend.dispose();
  }
}

describe('ensureDevCrs', () => {
  const home = join(scratch, 'home');
  const previousHome = process.env.ZKCODER_HOME;
  afterAll(() => {
    if (previousHome === undefined) delete process.env.ZKCODER_HOME;
    else process.env.ZKCODER_HOME = previousHome;
  });

  it('generates the CRS once under $ZKCODER_HOME/crs-dev and reuses it', async () => {
    process.env.ZKCODER_HOME = home;
    const first = await ensureDevCrs({ points: POINTS });
    expect(first).toMatchObject({ crsPath: join(home, 'crs-dev'), generated: true, points: POINTS });
    expect(first.warning).toMatch(/INSECURE.*crsPath.*ZKCODER_CRS/s);
    const g1 = join(first.crsPath, 'bn254_g1.dat');
    expect(statSync(g1).size).toBe(POINTS * 64);
    expect(statSync(join(first.crsPath, 'bn254_g2.dat')).size).toBe(128);
    // τ^0·G1 is the generator (1, 2), big-endian, standard form.
    const generator = readFileSync(g1).subarray(0, 64);
    expect(BigInt(`0x${generator.subarray(0, 32).toString('hex')}`)).toBe(1n);
    expect(BigInt(`0x${generator.subarray(32).toString('hex')}`)).toBe(2n);

    const modified = statSync(g1).mtimeMs;
    const second = await ensureDevCrs({ points: POINTS });
    expect(second).toMatchObject({ crsPath: first.crsPath, generated: false });
    expect(statSync(g1).mtimeMs).toBe(modified);
  });

  it('produces a CRS bb.js proves and verifies with, and a mismatched G2 fails', async () => {
    const crs = await ensureDevCrs({ home, points: POINTS });
    expect(await proveWith(crs.crsPath)).toBe(true);

    // G1 powers of one τ with τ'·G2 of another: the pairing check must fail, so G2 is really used.
    const other = await ensureDevCrs({ home: join(scratch, 'other'), points: POINTS });
    const mixed = join(scratch, 'mixed');
    mkdirSync(mixed);
    copyFileSync(join(crs.crsPath, 'bn254_g1.dat'), join(mixed, 'bn254_g1.dat'));
    copyFileSync(join(other.crsPath, 'bn254_g2.dat'), join(mixed, 'bn254_g2.dat'));
    expect(await proveWith(mixed)).toBe(false);
  });

  it('uses a supplied crsPath as is and explains what is wrong with a bad one', async () => {
    const crs = await ensureDevCrs({ home, points: POINTS });
    const supplied = await ensureDevCrs({ crsPath: crs.crsPath });
    expect(supplied).toMatchObject({ crsPath: crs.crsPath, generated: false, points: POINTS });
    expect(supplied.warning).toBeUndefined();
    await expect(ensureDevCrs({ crsPath: join(scratch, 'nowhere') })).rejects.toThrow(/must contain bn254_g1.dat and bn254_g2.dat/);
    const broken = join(scratch, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'bn254_g1.dat'), Buffer.alloc(64 * 10));
    writeFileSync(join(broken, 'bn254_g2.dat'), Buffer.alloc(100));
    expect(() => validateCrs(broken, 2)).toThrow(/bn254_g2.dat has 100 bytes: expected 128/);
    writeFileSync(join(broken, 'bn254_g1.dat'), Buffer.alloc(65));
    expect(() => validateCrs(broken, 2)).toThrow(/multiple of 64/);
  });
});
