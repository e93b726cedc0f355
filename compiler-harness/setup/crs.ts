/**
 * The BN254 CRS that bb.js (UltraHonk) reads: `bn254_g1.dat` holds τ^i·G1 for i = 0..n−1 (64 bytes
 * each, affine x‖y, big-endian, standard form) and `bn254_g2.dat` holds τ·G2 (128 bytes,
 * x.c0‖x.c1‖y.c0‖y.c1). The real one comes from the Aztec ignition ceremony and cannot be
 * downloaded here, so zkcoder generates an insecure development CRS with a known τ and caches it.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { recordDigest, verifyCached } from '../files/digest.js';
import { gatePath, mkdirInsideSync } from '../files/write-gate.js';
import { zkcoderHome } from '../home.js';

/** 2^16 gates (bb.js asks for circuit size + 1 points): plenty for the circuits zkcoder writes. */
export const DEV_CRS_POINTS = 2 ** 16 + 1;
const G1_POINT_BYTES = 64;
const G2_FILE_BYTES = 128;

export interface EnsureCrsOptions {
  /** Cache root (default `zkcoderHome()`). */
  home?: string;
  /** A real CRS folder (`bn254_g1.dat` + `bn254_g2.dat`); also read from `ZKCODER_CRS`. */
  crsPath?: string;
  /** Number of G1 points for a generated CRS (default 2^16 + 1). */
  points?: number;
  log?: (message: string) => void;
}

export interface CrsInfo {
  crsPath: string;
  /** True when this call generated the development CRS. */
  generated: boolean;
  /** G1 points available in `bn254_g1.dat`. */
  points: number;
  durationMs: number;
  /** Set when the CRS is insecure development material. */
  warning?: string;
  /** Set when the cached CRS was found corrupt (its digest changed): it was deleted and rebuilt. */
  repaired?: string;
}

export const DEV_CRS_WARNING =
  'Using an INSECURE development CRS (its toxic waste τ is known, so anyone can forge proofs). ' +
  'It is for local development only. For real proofs pass a ceremony CRS folder holding ' +
  'bn254_g1.dat and bn254_g2.dat via the `crsPath` option or the ZKCODER_CRS environment variable.';

const pending = new Map<string, Promise<CrsInfo>>();

/**
 * The CRS folder to hand to bb.js: a user-supplied one (validated, used as is) or the cached
 * development CRS, generated on first use (~9 s on two cores).
 */
export async function ensureDevCrs(options: EnsureCrsOptions = {}): Promise<CrsInfo> {
  const started = Date.now();
  const userPath = options.crsPath ?? process.env.ZKCODER_CRS;
  if (userPath) {
    const points = validateCrs(userPath, 2);
    return { crsPath: userPath, generated: false, points, durationMs: Date.now() - started };
  }
  const wanted = options.points ?? DEV_CRS_POINTS;
  const home = zkcoderHome(options.home);
  const crsPath = join(home, 'crs-dev');
  const cached = readCachedPoints(crsPath, wanted);
  let repaired: string | undefined;
  if (cached !== undefined && !pending.has(`${crsPath}:${wanted}`)) {
    const intact = await verifyCached(crsPath, CRS_FILES.map((name) => join(crsPath, name)), `development CRS in ${crsPath}`);
    if (intact.ok) return { crsPath, generated: false, points: cached, durationMs: Date.now() - started, warning: DEV_CRS_WARNING };
    repaired = intact.warning;
  }
  // Concurrent callers in one process share one generation; other processes race safely via rename.
  const key = `${crsPath}:${wanted}`;
  let generation = pending.get(key);
  if (!generation) {
    generation = generateDevCrs(home, wanted, options.log).finally(() => pending.delete(key));
    pending.set(key, generation);
  }
  const info = await generation;
  return { ...info, durationMs: Date.now() - started, ...(repaired ? { repaired } : {}) };
}

const CRS_FILES = ['bn254_g1.dat', 'bn254_g2.dat'];

/** Check that `crsPath` holds a plausible bb.js CRS; returns the number of G1 points. */
export function validateCrs(crsPath: string, minPoints: number): number {
  const g1 = join(crsPath, 'bn254_g1.dat');
  const g2 = join(crsPath, 'bn254_g2.dat');
  if (!existsSync(g1) || !existsSync(g2)) {
    throw new Error(`CRS folder ${crsPath} must contain bn254_g1.dat and bn254_g2.dat`);
  }
  const g1Size = statSync(g1).size;
  const g2Size = statSync(g2).size;
  if (g1Size % G1_POINT_BYTES !== 0 || g1Size < minPoints * G1_POINT_BYTES) {
    throw new Error(
      `${g1} has ${g1Size} bytes: expected a multiple of ${G1_POINT_BYTES} covering at least ${minPoints} points`,
    );
  }
  if (g2Size !== G2_FILE_BYTES) throw new Error(`${g2} has ${g2Size} bytes: expected ${G2_FILE_BYTES}`);
  return g1Size / G1_POINT_BYTES;
}

function readCachedPoints(crsPath: string, wanted: number): number | undefined {
  try {
    return validateCrs(crsPath, wanted);
  } catch {
    return undefined;
  }
}

async function generateDevCrs(
  home: string,
  points: number,
  log: ((message: string) => void) | undefined,
): Promise<CrsInfo> {
  const started = Date.now();
  const crsPath = join(home, 'crs-dev');
  mkdirInsideSync(home, 'crs-dev');
  // The generator writes these names: neither may be a link leading out of the cache.
  for (const name of CRS_FILES) gatePath(crsPath, name);
  log?.(`Generating an insecure development CRS of ${points} points in ${crsPath} …`);
  // The curve runs in a child process: ffjavascript keeps one global bn128 instance per thread
  // (terminating it here would pull it from under snarkjs in this thread), and its worker polyfill
  // cannot start its thread pool from inside a worker thread.
  const tau = BigInt(`0x${randomBytes(31).toString('hex')}`) + 2n;
  // The points come from the ptau writer's fixed-base tables (run from source, the child loads it through tsx).
  const writer = new URL(`./dev-ptau-writer.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url);
  const job = {
    ffjavascript: import.meta.resolve('ffjavascript'),
    writer: writer.href,
    crsPath,
    points,
    tau: tau.toString(),
    suffix: `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  };
  await new Promise<void>((resolve, reject) => {
    const loader = writer.pathname.endsWith('.ts') ? ['--import', import.meta.resolve('tsx')] : [];
    const child = spawn(process.execPath, [...loader, '-e', GENERATOR_SOURCE, JSON.stringify(job)], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`CRS generation failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
  for (const name of CRS_FILES) await recordDigest(crsPath, join(crsPath, name));
  const durationMs = Date.now() - started;
  log?.(`Development CRS ready in ${(durationMs / 1000).toFixed(1)} s`);
  return { crsPath, generated: true, points, durationMs, warning: DEV_CRS_WARNING };
}

/**
 * Runs in the generator process. Every G1 point is a fixed-base multiplication of the generator by
 * τ^i (`devCrsG1`: table lookups in ffjavascript's thread pool). Files are written under a
 * temporary name and renamed, so a killed run never leaves a truncated CRS behind.
 */
const GENERATOR_SOURCE = `
const fs = require('node:fs');
const path = require('node:path');
const job = JSON.parse(process.argv[1]);
(async () => {
  const { buildBn128 } = await import(job.ffjavascript);
  const { devCrsG1 } = await import(job.writer);
  const curve = await buildBn128();
  const { G2, Fr } = curve;
  const tau = Fr.e(BigInt(job.tau));
  const g1 = await devCrsG1(BigInt(job.tau), job.points);
  // ffjavascript writes an Fq2 element as c1‖c0; bb.js reads c0‖c1.
  const ff = new Uint8Array(128);
  G2.toRprUncompressed(ff, 0, G2.timesFr(G2.g, tau));
  const g2 = new Uint8Array(128);
  g2.set(ff.subarray(32, 64), 0); g2.set(ff.subarray(0, 32), 32);
  g2.set(ff.subarray(96, 128), 64); g2.set(ff.subarray(64, 96), 96);
  const write = (name, data) => {
    const target = path.join(job.crsPath, name);
    fs.writeFileSync(target + job.suffix, data);
    fs.renameSync(target + job.suffix, target);
  };
  write('bn254_g2.dat', g2);
  write('bn254_g1.dat', g1);
  await curve.terminate();
})().catch((error) => {
  process.stderr.write(String((error && error.stack) || error));
  process.exit(1);
});
`;
