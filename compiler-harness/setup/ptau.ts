/**
 * The powers-of-tau file that snarkjs Groth16 and PLONK setups read. A real ceremony file can't be
 * downloaded here, so zkcoder writes an insecure development one (τ known while it is generated)
 * and caches it; a user-supplied ceremony file is checked and used as is.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { recordDigest, verifyCached } from '../files/digest.js';
import { gatePath, mkdirInside } from '../files/write-gate.js';
import { zkcoderHome } from '../home.js';

export type PtauProofSystem = 'groth16' | 'plonk';

/** Beyond this a dev file takes minutes and gigabytes: use a real ceremony file instead. */
export const MAX_DEV_PTAU_POWER = 20;

export const DEV_PTAU_WARNING =
  'Using an INSECURE development powers-of-tau file: its secrets (τ, α, β) were known to the ' +
  'zkcoder process that generated it, so proofs made with its keys can be forged. Use it for ' +
  'development only. For real proofs pass a ceremony .ptau file with the `ptauPath` option ' +
  '(--ptau flag) or the ZKCODER_PTAU environment variable.';

export interface EnsurePtauOptions {
  /** Smallest power (2^power constraints) the file must support. */
  power: number;
  /** Cache root (default `zkcoderHome()`). */
  home?: string;
  /** A real ceremony file; also read from `ZKCODER_PTAU`. Used as is after a header check. */
  ptauPath?: string;
  log?: (message: string) => void;
}

export interface PtauSetup {
  ptauPath: string;
  /** The file's power, which may exceed the one asked for. */
  power: number;
  /** True when this call generated the file. */
  generated: boolean;
  durationMs: number;
  /** Why the file must not be trusted; empty for a user's ceremony file with contributions. */
  warning: string;
  /** Set when a cached file was found corrupt (its digest changed): it was deleted and rebuilt. */
  repaired?: string;
}

export interface PtauHeader {
  power: number;
  ceremonyPower: number;
  /** Sections 12–15 (Lagrange bases) present, as `powersoftau prepare phase2` writes them. */
  prepared: boolean;
  contributions: number;
}

const BN128_Q = 21888242871839275222246405745257275088696311157297823662689037894645226208583n;
const pending = new Map<string, Promise<PtauSetup>>();

/**
 * A phase-2-ready ptau of at least `power`: the user's ceremony file if one is configured, else the
 * smallest cached dev file that is big enough, else a freshly generated dev file (~4 s at 2^12).
 */
export async function ensureDevPtau(options: EnsurePtauOptions): Promise<PtauSetup> {
  const started = Date.now();
  const { power } = options;
  if (!Number.isInteger(power) || power < 1) {
    throw new Error(`ptau power must be a positive integer, got ${power}`);
  }
  const userPath = options.ptauPath ?? process.env.ZKCODER_PTAU;
  if (userPath) return useCeremonyFile(resolve(userPath), power, started);
  if (power > MAX_DEV_PTAU_POWER) {
    throw new Error(
      `a 2^${power} development ptau is too large to generate (limit 2^${MAX_DEV_PTAU_POWER}); ` +
        'pass a ceremony file with `ptauPath` / ZKCODER_PTAU',
    );
  }
  const dir = join(zkcoderHome(options.home), 'ptau-dev');
  const { found: cached, repaired } = await findCached(dir, power);
  if (cached) {
    const durationMs = Date.now() - started;
    return { ...cached, generated: false, durationMs, warning: DEV_PTAU_WARNING, ...repairedField(repaired) };
  }
  const ptauPath = join(dir, `pot${power}_dev.ptau`);
  // Two callers in one process asking for the same file share one generation.
  let generation = pending.get(ptauPath);
  if (!generation) {
    generation = generate(dir, ptauPath, power, options.log);
    pending.set(ptauPath, generation);
    void generation.finally(() => pending.delete(ptauPath)).catch(() => undefined);
  }
  const result = await generation;
  return { ...result, durationMs: Date.now() - started, ...repairedField(repaired) };
}

function repairedField(repaired: string[]): { repaired?: string } {
  return repaired.length ? { repaired: repaired.join('; ') } : {};
}

/**
 * The ptau power snarkjs needs for a circuit, from its constraint count. Groth16 (`zkey new`):
 * 2^p > constraints + public signals (outputs and public inputs), exact. PLONK: an estimate of
 * three gates per constraint (circomlib circuits measured 1.2–3.1); prefer the exact
 * `requiredPtauPowerForR1cs` when the R1CS is at hand.
 * @example requiredPtauPower(1000, 'groth16', 24) // 11: 1000 + 24 + 1 rows exceed 2^10
 */
export function requiredPtauPower(
  constraintCount: number,
  system: PtauProofSystem,
  publicCount = 0,
): number {
  if (system === 'groth16') return bitLength(constraintCount + publicCount);
  return plonkPower(publicCount + 3 * constraintCount);
}

/** The parts of an R1CS the power depends on; linear combinations map wire → coefficient. */
export interface R1csShape {
  prime: bigint;
  nOutputs: number;
  nPublicInputs: number;
  constraints: readonly { a: LinearCombination; b: LinearCombination; c: LinearCombination }[];
}
type LinearCombination = ReadonlyMap<number, bigint>;

/**
 * The exact ptau power `zkey new` / `plonk setup` will ask for this R1CS.
 * @example requiredPtauPowerForR1cs(compiled.r1cs, 'plonk')
 */
export function requiredPtauPowerForR1cs(r1cs: R1csShape, system: PtauProofSystem): number {
  const publicCount = r1cs.nOutputs + r1cs.nPublicInputs;
  if (system === 'groth16') return requiredPtauPower(r1cs.constraints.length, system, publicCount);
  return plonkPower(plonkGateCount(r1cs));
}

/**
 * The gate count of snarkjs' R1CS → PLONK translation (`plonk_setup.js` processConstraints): a
 * gate per public signal; per constraint one gate, plus one per term beyond the gate's slots
 * (3 for a linear constraint, 1 per side for a product). A constant side turns a product into a
 * linear constraint k·B − C, whose cancelling terms vanish.
 */
export function plonkGateCount(r1cs: R1csShape): number {
  const { prime } = r1cs;
  const terms = (lc: LinearCombination) => [...lc].filter(([w, k]) => w !== 0 && k % prime !== 0n);
  const constant = (lc: LinearCombination) => (lc.get(0) ?? 0n) % prime;
  const linear = (n: number) => 1 + Math.max(0, n - 3);
  const scaledMinus = (k: bigint, x: LinearCombination, y: LinearCombination) => {
    const wires = new Set([...x.keys(), ...y.keys()].filter((w) => w !== 0));
    const left = (w: number) => (k * (x.get(w) ?? 0n) - (y.get(w) ?? 0n)) % prime;
    return [...wires].filter((w) => left(w) !== 0n).length;
  };
  let gates = r1cs.nOutputs + r1cs.nPublicInputs;
  for (const { a, b, c } of r1cs.constraints) {
    const [ta, tb, tc] = [terms(a), terms(b), terms(c)];
    const zeroA = ta.length === 0 && constant(a) === 0n;
    const zeroB = tb.length === 0 && constant(b) === 0n;
    if (zeroA || zeroB) gates += linear(tc.length);
    else if (ta.length === 0) gates += linear(scaledMinus(constant(a), b, c));
    else if (tb.length === 0) gates += linear(scaledMinus(constant(b), a, c));
    else gates += 1 + (ta.length - 1) + (tb.length - 1) + Math.max(0, tc.length - 1);
  }
  return gates;
}

/** `plonk setup`: 2^p ≥ gates, and at least 2^3 (its quotient polynomial has degree n + 5). */
function plonkPower(gates: number): number {
  return Math.max(3, bitLength(Math.max(gates, 1) - 1));
}

/** Reads and checks a ptau file's header and section table; throws messages a user can act on. */
export async function readPtauHeader(path: string): Promise<PtauHeader> {
  const file = await open(path, 'r').catch((error: NodeJS.ErrnoException) => {
    throw new Error(`ptau file ${path} cannot be opened: ${error.code ?? error.message}`);
  });
  try {
    const { size } = await file.stat();
    const read = async (position: number, length: number) => {
      if (position + length > size) throw new Error(`ptau file ${path} is truncated or corrupt`);
      const bytes = Buffer.alloc(length);
      await file.read(bytes, 0, length, position);
      return bytes;
    };
    const start = await read(0, Math.min(12, size));
    if (start.length < 12 || start.toString('latin1', 0, 4) !== 'ptau') {
      throw new Error(`${path} is not a .ptau file (it does not start with the bytes "ptau")`);
    }
    const sections = new Map<number, { position: number; size: number }>();
    let position = 12;
    for (let i = 0; i < start.readUInt32LE(8); i++) {
      const head = await read(position, 12);
      const section = { position: position + 12, size: Number(head.readBigUInt64LE(4)) };
      sections.set(head.readUInt32LE(0), section);
      position = section.position + section.size;
    }
    const corrupt = new Error(`ptau file ${path} is truncated or corrupt`);
    if (position !== size) throw corrupt;
    const header = sections.get(1);
    if (!header || header.size !== 44) throw new Error(`ptau file ${path} has no bn128 header`);
    const bytes = await read(header.position, header.size);
    const q = BigInt(`0x${Buffer.from(bytes.subarray(4, 36)).reverse().toString('hex')}`);
    if (bytes.readUInt32LE(0) !== 32 || q !== BN128_Q) {
      throw new Error(`ptau file ${path} is not for the bn128 curve`);
    }
    const power = bytes.readUInt32LE(36);
    // A τ·G1 section shorter than the header's power would fail deep inside snarkjs.
    if (sections.get(2)?.size !== (2 ** (power + 1) - 1) * 64) throw corrupt;
    const contributionsAt = sections.get(7);
    const contributions = contributionsAt
      ? (await read(contributionsAt.position, 4)).readUInt32LE(0)
      : 0;
    const prepared = [12, 13, 14, 15].every((id) => sections.has(id));
    return { power, ceremonyPower: bytes.readUInt32LE(40), prepared, contributions };
  } finally {
    await file.close();
  }
}

async function useCeremonyFile(path: string, power: number, started: number): Promise<PtauSetup> {
  const header = await readPtauHeader(path);
  if (!header.prepared) {
    throw new Error(
      `ptau file ${path} is not prepared for phase 2 (no Lagrange sections 12–15): ` +
        'run `snarkjs powersoftau prepare phase2` on it first',
    );
  }
  if (header.power < power) {
    throw new Error(
      `ptau file ${path} supports 2^${header.power} constraints but this circuit needs 2^${power}`,
    );
  }
  const warning =
    header.contributions === 0
      ? `ptau file ${path} has no contributions: it is not the output of a ceremony`
      : '';
  const durationMs = Date.now() - started;
  return { ptauPath: path, power: header.power, generated: false, durationMs, warning };
}

/**
 * The smallest intact cached dev file of at least `power` (snarkjs reads what it needs). A file whose
 * digest no longer matches is deleted, and said so in `repaired`.
 */
async function findCached(dir: string, power: number): Promise<{ found?: { ptauPath: string; power: number }; repaired: string[] }> {
  const repaired: string[] = [];
  const names = await readdir(dir).catch(() => [] as string[]);
  const candidates = names
    .map((name) => ({ name, power: Number(/^pot(\d+)_dev\.ptau$/.exec(name)?.[1] ?? NaN) }))
    .filter((c) => c.power >= power)
    .sort((a, b) => a.power - b.power);
  for (const candidate of candidates) {
    const path = join(dir, candidate.name);
    const header = await readPtauHeader(path).catch(() => undefined);
    if (!header?.prepared || header.power !== candidate.power) continue;
    const intact = await verifyCached(dir, [path], `development powers-of-tau file ${path}`);
    if (intact.ok) return { found: { ptauPath: path, power: header.power }, repaired };
    repaired.push(intact.warning);
  }
  return { repaired };
}

async function generate(
  dir: string,
  ptauPath: string,
  power: number,
  log?: (message: string) => void,
): Promise<PtauSetup> {
  const started = Date.now();
  await mkdirInside(dir, '.');
  await removeAbandonedTemporaries(dir);
  // Written beside the target and renamed into place, so a killed run never leaves a half file
  // under the cached name.
  const suffix = `${process.pid}.${randomBytes(4).toString('hex')}`;
  const temporary = gatePath(dir, `.pot${power}_dev.ptau.${suffix}.tmp`);
  try {
    // The writer (ffjavascript's curve and threads) is loaded only when a file is actually made.
    const { writeDevPtau } = await import('./dev-ptau-writer.js');
    await writeDevPtau({ power, path: temporary, log });
    await rename(temporary, gatePath(dir, ptauPath));
    await recordDigest(dir, ptauPath);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  log?.(`generated ${ptauPath} in ${Date.now() - started} ms`);
  const durationMs = Date.now() - started;
  return { ptauPath, power, generated: true, durationMs, warning: DEV_PTAU_WARNING };
}

/** Temporaries whose writer process is gone (killed mid-generation). */
async function removeAbandonedTemporaries(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const pid = Number(/^\.pot\d+_dev\.ptau\.(\d+)\.[0-9a-f]+\.tmp$/.exec(name)?.[1] ?? NaN);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(join(dir, name), { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0 only checks that the process exists
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** snarkjs' `log2(value) + 1`: the smallest p ≥ 1 with 2^p > value. */
function bitLength(value: number): number {
  let bits = 1;
  while (2 ** bits <= value) bits++;
  return bits;
}
