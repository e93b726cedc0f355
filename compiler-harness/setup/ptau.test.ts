import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as snarkjs from 'snarkjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEV_PTAU_WARNING,
  ensureDevPtau,
  plonkGateCount,
  readPtauHeader,
  requiredPtauPower,
  requiredPtauPowerForR1cs,
  type R1csShape,
} from './ptau.js';

// Real snarkjs throughout: the file is only right if snarkjs' own verifier and setups accept it.
const CIRCOM2 = resolve('node_modules/.bin/circom2');
// 2 constraints, 1 public input + 1 output: snarkjs needs 2^3 for Groth16 (4 + 1 rows) and for
// PLONK (2 public + 2 constraint gates + 1 addition, and its floor of 2^3).
const MULTIPLIER = `pragma circom 2.0.0;
template Multiplier() {
  signal input a;
  signal input b;
  signal output c;
  signal t;
  t <== a * b;
  c <== t * a + b;
}
component main {public [a]} = Multiplier();
`;

// Long linear sums (circom emits them with empty A and B) and a product of sums with constants,
// so that snarkjs' PLONK translation has additions to insert.
const GATE_MIX = `pragma circom 2.0.0;
template GateMix() {
  signal input x[5];
  signal output sum;
  signal output prod;
  signal output scaled;
  signal output cancelled;
  sum <== x[0] + x[1] + x[2] + x[3] + x[4] + 7;
  prod <== (x[0] + 2 * x[1] + 1) * (x[2] - x[3]);
  scaled <== 3 * (x[0] + x[1] + x[2] + x[3]);
  cancelled <== 5 * (x[4] + x[0]);
  cancelled - 5 * x[0] === 5 * x[4];
}
component main {public [x]} = GateMix();
`;

const errors: string[] = [];
const collect = (m: string) => errors.push(m);
const logger = { debug() {}, info() {}, warn: collect, error: collect };

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'zkcoder-ptau-'));
});
afterAll(async () => {
  await (await snarkjs.curves.getCurveFromName('bn128')).terminate();
  await rm(root, { recursive: true, force: true });
});

/** circom2 under WASI takes paths relative to its working directory. */
async function compileCircom(dir: string, name: string, source: string, wasm = false) {
  await mkdir(join(dir, 'out'), { recursive: true });
  await writeFile(join(dir, `${name}.circom`), source);
  const args = [`${name}.circom`, '--r1cs', ...(wasm ? ['--wasm'] : []), '-o', 'out'];
  execFileSync(CIRCOM2, args, { cwd: dir, stdio: 'pipe' });
  const out = join(dir, 'out');
  return { r1cs: join(out, `${name}.r1cs`), wasm: join(out, `${name}_js`, `${name}.wasm`) };
}

/** snarkjs' JSON export (decimal strings) as the wire → coefficient maps the harness uses. */
async function r1csShape(path: string): Promise<R1csShape> {
  const json = await snarkjs.r1cs.exportJson(path);
  const lc = (terms: Record<string, string>) =>
    new Map(Object.entries(terms).map(([w, k]) => [Number(w), BigInt(k)]));
  const constraints = (json.constraints as Record<string, string>[][]).map(([a, b, c]) => ({
    a: lc(a),
    b: lc(b),
    c: lc(c),
  }));
  const { nOutputs, nPubInputs: nPublicInputs } = json;
  return { prime: BigInt(json.prime), nOutputs, nPublicInputs, constraints };
}

/** A binfile (`ptau`) with only the listed sections, in their original order. */
function withSections(file: Buffer, keep: number[]): Buffer {
  const parts: Buffer[] = [];
  let position = 12;
  for (let i = 0; i < file.readUInt32LE(8); i++) {
    const end = position + 12 + Number(file.readBigUInt64LE(position + 4));
    if (keep.includes(file.readUInt32LE(position))) parts.push(file.subarray(position, end));
    position = end;
  }
  const head = Buffer.from(file.subarray(0, 12));
  head.writeUInt32LE(parts.length, 8);
  return Buffer.concat([head, ...parts]);
}

describe('requiredPtauPower', () => {
  it('matches the domain sizes snarkjs computes', () => {
    expect(requiredPtauPower(3, 'groth16')).toBe(2); // 3 rows + 1 < 2^2 is false: 2^2 > 3
    expect(requiredPtauPower(4, 'groth16')).toBe(3);
    expect(requiredPtauPower(2, 'groth16', 2)).toBe(3);
    expect(requiredPtauPower(1000, 'groth16', 24)).toBe(11);
    expect(requiredPtauPower(2, 'plonk', 2)).toBe(3);
    expect(requiredPtauPower(1, 'plonk')).toBe(3);
    expect(requiredPtauPower(1000, 'plonk', 24)).toBe(12); // estimated 3024 gates
    expect(requiredPtauPower(3000, 'plonk')).toBe(requiredPtauPower(3000, 'groth16') + 2);
  });

  it('counts PLONK gates exactly as plonk setup does', async () => {
    const dir = join(root, 'gates');
    const { ptauPath } = await ensureDevPtau({ power: 6, home: join(root, 'phase2-home') });
    for (const [name, source] of [['mul', MULTIPLIER], ['mix', GATE_MIX]] as const) {
      const { r1cs } = await compileCircom(dir, name, source);
      const shape = await r1csShape(r1cs);
      const lines: string[] = [];
      const info = { ...logger, info: (m: string) => lines.push(m) };
      await snarkjs.plonk.setup(r1cs, ptauPath, join(dir, `${name}.zkey`), info);
      const logged = Number(/Plonk constraints: (\d+)/.exec(lines.join('\n'))?.[1]);
      expect(plonkGateCount(shape), name).toBe(logged);
    }
    const mix = await r1csShape(join(dir, 'out', 'mix.r1cs'));
    // circom never emits a constant side (A = k): snarkjs then gates k·B − C, after cancelling.
    const k = (terms: [number, bigint][]) => new Map(terms);
    const constantSide = (c: [number, bigint][]) => ({
      ...mix,
      nOutputs: 0,
      nPublicInputs: 0,
      constraints: [{ a: k([[0, 2n]]), b: k([[1, 1n], [2, 1n]]), c: k(c) }],
    });
    expect(plonkGateCount(constantSide([[1, 2n], [3, 1n]]))).toBe(1); // 2·w2 − w3
    expect(plonkGateCount(constantSide([[3, 1n], [4, 1n]]))).toBe(2); // four terms: one addition
    expect(plonkGateCount(mix)).toBeGreaterThan(2 * mix.constraints.length); // additions matter
    expect(requiredPtauPowerForR1cs(mix, 'groth16')).toBe(
      requiredPtauPower(mix.constraints.length, 'groth16', mix.nOutputs + mix.nPublicInputs),
    );
  });
});

describe('ensureDevPtau', () => {
  it('generates a file that powersOfTau.verify accepts, then reuses it', async () => {
    const home = join(root, 'verify-home');
    const first = await ensureDevPtau({ power: 8, home });
    expect(first).toMatchObject({ power: 8, generated: true, warning: DEV_PTAU_WARNING });
    expect(first.ptauPath).toBe(join(home, 'ptau-dev', 'pot8_dev.ptau'));
    expect(await readdir(join(home, 'ptau-dev'))).toEqual(['pot8_dev.ptau', 'pot8_dev.ptau.sha256']); // the file and its digest
    const header = await readPtauHeader(first.ptauPath);
    expect(header).toEqual({ power: 8, ceremonyPower: 8, prepared: true, contributions: 1 });

    errors.length = 0;
    expect(await snarkjs.powersOfTau.verify(first.ptauPath, logger)).toBe(true);
    expect(errors).toEqual([]);

    const again = await ensureDevPtau({ power: 8, home });
    expect(again).toMatchObject({ ptauPath: first.ptauPath, power: 8, generated: false });
    const lower = await ensureDevPtau({ power: 5, home });
    expect(lower).toMatchObject({ ptauPath: first.ptauPath, power: 8, generated: false });
  });

  it('has byte for byte the phase-2 sections snarkjs preparePhase2 computes', async () => {
    // verify cannot see the last Lagrange block's padding (its check gives that point weight 0),
    // but zkey new reads it when the circuit needs the file's full power: compare with snarkjs.
    const { ptauPath } = await ensureDevPtau({ power: 6, home: join(root, 'phase2-home') });
    const ours = await readFile(ptauPath);
    const phase1 = join(root, 'phase1.ptau');
    const prepared = join(root, 'prepared.ptau');
    await writeFile(phase1, withSections(ours, [1, 2, 3, 4, 5, 6, 7]));
    await snarkjs.powersOfTau.preparePhase2(phase1, prepared);
    const theirs = await readFile(prepared);
    expect(theirs.length).toBe(ours.length);
    expect(theirs.equals(ours)).toBe(true);
  });

  it('verify rejects the file once a Lagrange point is altered', async () => {
    // The negative twin of the test above: verify must be able to fail on our layout.
    const { ptauPath } = await ensureDevPtau({ power: 8, home: join(root, 'verify-home') });
    const bytes = await readFile(ptauPath);
    const tampered = join(root, 'tampered.ptau');
    // Swap two points near the end of section 15 (β·Lagrange, last block): still on the curve.
    const end = bytes.length;
    const a = bytes.subarray(end - 128, end - 64);
    const b = bytes.subarray(end - 64, end);
    await writeFile(tampered, Buffer.concat([bytes.subarray(0, end - 128), b, a]));
    errors.length = 0;
    expect(await snarkjs.powersOfTau.verify(tampered, logger)).toBe(false);
    expect(errors.join('\n')).toMatch(/Phase2 caclutation does not match/);
  });

  it('drives Groth16 and PLONK setup, prove and verify at exactly the required power', async () => {
    const home = join(root, 'prove-home');
    const build = join(root, 'circuit');
    const { r1cs, wasm } = await compileCircom(build, 'mul', MULTIPLIER, true);
    const shape = await r1csShape(r1cs);
    expect(requiredPtauPowerForR1cs(shape, 'groth16')).toBe(3);
    expect(requiredPtauPowerForR1cs(shape, 'plonk')).toBe(3);

    // One power too small: snarkjs refuses (so the required power is tight, not generous).
    const small = await ensureDevPtau({ power: 2, home });
    errors.length = 0;
    const tooSmall = [
      await snarkjs.zKey.newZKey(r1cs, small.ptauPath, join(build, 'small.zkey'), logger),
      await snarkjs.plonk.setup(r1cs, small.ptauPath, join(build, 'small-plonk.zkey'), logger),
    ];
    expect(tooSmall).toEqual([-1, -1]);
    expect(errors.filter((e) => /too big for this power of tau/.test(e))).toHaveLength(2);

    // A leftover temporary of a killed generation is swept; the smaller cached file is not reused.
    const abandoned = join(home, 'ptau-dev', '.pot3_dev.ptau.999999999.deadbeef.tmp');
    await writeFile(abandoned, 'half a file');
    const dev = await ensureDevPtau({ power: 3, home });
    expect(dev).toMatchObject({ power: 3, generated: true });
    expect(existsSync(abandoned)).toBe(false);

    const input = { a: 3, b: 11 }; // c = 3·11·3 + 11 = 110
    const groth16Key = join(build, 'groth16.zkey');
    errors.length = 0;
    await snarkjs.zKey.newZKey(r1cs, dev.ptauPath, groth16Key, logger);
    expect(errors).toEqual([]);
    const groth16Vk = await snarkjs.zKey.exportVerificationKey(groth16Key);
    const g = await snarkjs.groth16.fullProve(input, wasm, groth16Key);
    expect(g.publicSignals).toEqual(['110', '3']);
    expect(await snarkjs.groth16.verify(groth16Vk, g.publicSignals, g.proof)).toBe(true);
    expect(await snarkjs.groth16.verify(groth16Vk, ['111', '3'], g.proof)).toBe(false);

    const plonkKey = join(build, 'plonk.zkey');
    await snarkjs.plonk.setup(r1cs, dev.ptauPath, plonkKey, logger);
    expect(errors).toEqual([]);
    const plonkVk = await snarkjs.zKey.exportVerificationKey(plonkKey);
    const p = await snarkjs.plonk.fullProve(input, wasm, plonkKey);
    expect(await snarkjs.plonk.verify(plonkVk, p.publicSignals, p.proof)).toBe(true);
    expect(await snarkjs.plonk.verify(plonkVk, ['111', '3'], p.proof)).toBe(false);
  });

  it('uses a user ceremony file as is, and explains files it cannot use', async () => {
    const home = join(root, 'user-home');
    const { ptauPath: good } = await ensureDevPtau({ power: 8, home: join(root, 'verify-home') });
    const given = await ensureDevPtau({ power: 4, home, ptauPath: good });
    expect(given).toMatchObject({ ptauPath: good, power: 8, generated: false, warning: '' });
    expect(existsSync(join(home, 'ptau-dev'))).toBe(false);

    const previous = process.env.ZKCODER_PTAU;
    process.env.ZKCODER_PTAU = good;
    try {
      const fromEnvironment = await ensureDevPtau({ power: 4, home });
      expect(fromEnvironment).toMatchObject({ ptauPath: good, generated: false });
    } finally {
      if (previous === undefined) delete process.env.ZKCODER_PTAU;
      else process.env.ZKCODER_PTAU = previous;
    }

    const text = join(root, 'notes.ptau');
    await writeFile(text, 'these are not powers of tau\n');
    const user = (ptauPath: string, power = 4) => ensureDevPtau({ power, ptauPath });
    await expect(user(text)).rejects.toThrow(/is not a \.ptau file/);
    const truncated = join(root, 'truncated.ptau');
    await writeFile(truncated, (await readFile(good)).subarray(0, 100_000));
    await expect(user(truncated)).rejects.toThrow(/truncated or corrupt/);
    await expect(user(good, 10)).rejects.toThrow(/supports 2\^8 .* needs 2\^10/);
    await expect(user(join(root, 'missing.ptau'))).rejects.toThrow(/cannot be opened: ENOENT/);

    const unprepared = join(root, 'unprepared.ptau');
    const curve = await snarkjs.curves.getCurveFromName('bn128');
    await snarkjs.powersOfTau.newAccumulator(curve, 4, unprepared);
    await expect(user(unprepared)).rejects.toThrow(/not prepared for phase 2/);
  });
});
