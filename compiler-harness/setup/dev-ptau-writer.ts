/**
 * Writes a phase-2-ready powers-of-tau file in the snarkjs 0.7 `.ptau` layout for secrets τ, α,
 * β that this process draws and forgets. snarkjs makes the same file with `new` → `contribute` →
 * `preparePhase2`, whose group FFTs cost a full scalar multiplication per butterfly (~65 s at
 * 2^12). Knowing the secrets, every point is s·G for a scalar computed in Fr, so each point costs
 * one fixed-base multiplication instead: 32 table additions (byte-wide windows) in ffjavascript's
 * wasm workers. Wider windows were measured slower (bigger tables to build and ship per task).
 *
 * Layout (binfileutils: "ptau", version 1, then `id u32 | size u64 | payload` sections; points
 * are affine in the engine's internal little-endian Montgomery form, "LEM"):
 *   1 header: n8 u32, q (n8 bytes LE), power u32, ceremonyPower u32
 *   2 τ^i·G1 (i < 2^(p+1)−1) · 3 τ^i·G2 · 4 ατ^i·G1 · 5 βτ^i·G1 (i < 2^p) · 6 β·G2
 *   7 contributions (one, so that `powersOfTau.verify` accepts the file: it rejects zero)
 *   12–15 for each block b = 0..p (and p+1 for section 12): ifft of the section 2–5 points
 *   τ^0..τ^(2^b−1), i.e. Lagrange bases at τ in natural order; block p+1 pads the missing
 *   τ^(2^(p+1)−1) with zero, exactly as `preparePhase2` does.
 */
import { createHash, randomBytes } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { buildBn128, ChaCha } from 'ffjavascript';
import type { FfCurve, FfCurveGroup, FfTaskCommand } from 'ffjavascript';

const FR_BYTES = 32;
/** Byte-wide windows: a scalar below r < 2^254 has 32 digits, each one table lookup and add. */
const WINDOWS = 32;
const DIGITS = 256;
/** Points per worker task: big enough to amortise resending the table, small enough to stream. */
const CHUNK_POINTS = 2048;
const CONTRIBUTOR_NAME = 'zkcoder insecure development setup';

interface Group {
  G: FfCurveGroup;
  prefix: 'g1m' | 'g2m';
  affineBytes: number;
  jacobianBytes: number;
  /** Affine d·256^j·G at index j·256 + d. */
  table: Uint8Array;
}

export interface WriteDevPtauOptions {
  power: number;
  path: string;
  log?: (message: string) => void;
}

export async function writeDevPtau({ power, path, log }: WriteDevPtauOptions): Promise<void> {
  const { curve, owned } = await acquireCurve();
  const file = await open(path, 'w');
  try {
    await generate(curve, file, power, log ?? (() => undefined));
  } finally {
    await file.close();
    // Only the worker threads: `curve.terminate()` would also clear the process-wide slot.
    if (owned) await curve.tm.terminate();
  }
}

/**
 * The G1 points of a development bb.js CRS, τ^0·G1 … τ^(count−1)·G1, uncompressed (x‖y, big-endian,
 * standard form, as `bn254_g1.dat` holds them), by the table lookups the ptau sections use: 32
 * additions a point instead of a scalar multiplication (2^16 points: ~3 s of CPU instead of ~20 s).
 */
export async function devCrsG1(tau: bigint, count: number): Promise<Uint8Array> {
  const { curve, owned } = await acquireCurve();
  try {
    const { Fr, G1 } = curve;
    const g1 = await buildGroup(curve, G1, 'g1m');
    const powers = await Fr.batchApplyKey(repeat(Fr.one, count), Fr.one, Fr.e(tau));
    const points = await mulFixedBase(curve, g1, await Fr.batchFromMontgomery(powers));
    return await G1.batchLEMtoU(points);
  } finally {
    if (owned) await curve.tm.terminate();
  }
}

/**
 * ffjavascript hands out one process-wide curve (`globalThis.curve_bn128`) that snarkjs uses too.
 * Reuse it if someone already owns it; otherwise build one and take it out of the slot, so that
 * terminating ours never pulls the workers from under a concurrent snarkjs call.
 */
async function acquireCurve(): Promise<{ curve: FfCurve; owned: boolean }> {
  const slot = globalThis as { curve_bn128?: FfCurve | null };
  const shared = slot.curve_bn128;
  if (shared) return { curve: shared, owned: false };
  const curve = await buildBn128();
  if (slot.curve_bn128 === curve) slot.curve_bn128 = null;
  return { curve, owned: true };
}

async function generate(curve: FfCurve, file: FileHandle, power: number, log: (m: string) => void) {
  const { Fr, G1, G2 } = curve;
  const n = 2 ** power;
  const started = Date.now();
  const step = (what: string) => log(`dev ptau 2^${power}: ${what} (${Date.now() - started} ms)`);
  const [tau, alpha, beta] = [randomFr(curve), randomFr(curve), randomFr(curve)];
  const g1 = await buildGroup(curve, G1, 'g1m');
  const g2 = await buildGroup(curve, G2, 'g2m');
  // Scalars stay in Montgomery form (the engine's) until the table lookups need their digits.
  const pointsFor = async (group: Group, scalars: Uint8Array) =>
    mulFixedBase(curve, group, await Fr.batchFromMontgomery(scalars));
  const times = (scalars: Uint8Array, k: Uint8Array) => Fr.batchApplyKey(scalars, k, Fr.one);
  // τ^0 … τ^(2n−1) in Fr; the last power only feeds the zero-padded Lagrange block.
  const powers = await Fr.batchApplyKey(repeat(Fr.one, 2 * n), Fr.one, tau);
  const firstPowers = (count: number) => powers.slice(0, count * FR_BYTES);

  // The contribution key only depends on the first challenge hash, so it comes first: its
  // response hash opens the hash over sections 2–6 that becomes the "next challenge".
  const key = contributionKey(curve, firstChallengeHash(curve, power), { tau, alpha, beta });
  const responseHash = createHash('blake2b512').update(encodePubKey(curve, key, 'U')).digest();
  const nextChallenge = createHash('blake2b512').update(responseHash);

  await writeBytes(file, ascii('ptau'), u32(1), u32(11));
  await writeSection(file, 1, u32(FR_BYTES), leBytes(curve.q, FR_BYTES), u32(power), u32(power));
  const tauG1 = await pointsFor(g1, firstPowers(2 * n - 1));
  const tauG2 = await pointsFor(g2, firstPowers(n));
  const alphaTauG1 = await pointsFor(g1, await times(firstPowers(n), alpha));
  const betaTauG1 = await pointsFor(g1, await times(firstPowers(n), beta));
  const betaG2 = G2.toAffine(G2.timesFr(G2.g, beta));
  for (const [id, G, points] of [
    [2, G1, tauG1],
    [3, G2, tauG2],
    [4, G1, alphaTauG1],
    [5, G1, betaTauG1],
  ] as const) {
    await writeSection(file, id, points);
    nextChallenge.update(await G.batchLEMtoU(points));
  }
  await writeSection(file, 6, betaG2);
  nextChallenge.update(G2.toUncompressed(betaG2));
  step('sections 2–6');

  const pointAt = (all: Uint8Array, i: number, size: number) => all.slice(i * size, (i + 1) * size);
  const params = new Uint8Array([1, CONTRIBUTOR_NAME.length, ...ascii(CONTRIBUTOR_NAME)]);
  await writeSection(
    file,
    7,
    u32(1),
    pointAt(tauG1, 1, g1.affineBytes),
    pointAt(tauG2, 1, g2.affineBytes),
    pointAt(alphaTauG1, 0, g1.affineBytes),
    pointAt(betaTauG1, 0, g1.affineBytes),
    betaG2,
    encodePubKey(curve, key, 'LEM'),
    freshBlake2bState(),
    nextChallenge.digest(),
    u32(0), // contribution type: not a beacon
    u32(params.length),
    params,
  );

  const lagrange = await lagrangeScalars(curve, powers, power);
  await writeSection(file, 12, await pointsFor(g1, lagrange));
  // Sections 13–15 stop at block p: only the τ·G1 section has 2^(p+1)−1 powers to transform.
  const upToPower = lagrange.slice(0, (2 * n - 1) * FR_BYTES);
  await writeSection(file, 13, await pointsFor(g2, upToPower));
  await writeSection(file, 14, await pointsFor(g1, await times(upToPower, alpha)));
  await writeSection(file, 15, await pointsFor(g1, await times(upToPower, beta)));
  step('sections 12–15');
}

/**
 * The scalars behind sections 12–15: for b = 0..power+1, ifft(τ^0..τ^(2^b−1)) in Fr. Since the
 * ifft is linear, s·G for these equals what `preparePhase2` gets from `G.lagrangeEvaluations`.
 */
async function lagrangeScalars(curve: FfCurve, powers: Uint8Array, power: number) {
  const out = new Uint8Array((2 ** (power + 2) - 1) * FR_BYTES);
  let offset = 0;
  for (let b = 0; b <= power + 1; b++) {
    const size = 2 ** b;
    const block = powers.slice(0, size * FR_BYTES);
    // Section 2 stops at τ^(2^(p+1)−2); preparePhase2 pads with the point at infinity.
    if (b === power + 1) block.fill(0, (size - 1) * FR_BYTES);
    out.set(await curve.Fr.ifft(block), offset);
    offset += size * FR_BYTES;
  }
  return out;
}

async function buildGroup(curve: FfCurve, G: FfCurveGroup, prefix: Group['prefix']) {
  const affineBytes = G.F.n8 * 2;
  const jacobianBytes = G.F.n8 * 3;
  const at = (j: number, d: number) => ({ var: 0, offset: (j * DIGITS + d) * jacobianBytes });
  const add = (a: object, b: object, into: object) =>
    ({ cmd: 'CALL', fnName: `${prefix}_add`, params: [a, b, into] }) as FfTaskCommand;
  const task: FfTaskCommand[] = [
    { cmd: 'ALLOC', var: 0, len: WINDOWS * DIGITS * jacobianBytes },
    { cmd: 'ALLOCSET', var: 1, buff: G.oneAffine },
  ];
  for (let j = 0; j < WINDOWS; j++) {
    task.push({ cmd: 'CALL', fnName: `${prefix}_zero`, params: [at(j, 0)] });
    // Window j's unit is 256^j·G = 255·(window j−1's unit) + (window j−1's unit).
    task.push(
      j === 0
        ? { cmd: 'CALL', fnName: `${prefix}_toJacobian`, params: [{ var: 1 }, at(0, 1)] }
        : add(at(j - 1, DIGITS - 1), at(j - 1, 1), at(j, 1)),
    );
    for (let d = 2; d < DIGITS; d++) task.push(add(at(j, d - 1), at(j, 1), at(j, d)));
  }
  task.push(...toAffine(prefix, 0, WINDOWS * DIGITS, affineBytes));
  const [table] = await curve.tm.queueAction(task);
  const group: Group = { G, prefix, affineBytes, jacobianBytes, table };
  return group;
}

/**
 * Affine s_i·G for scalars in standard (not Montgomery) little-endian form: 32 mixed additions of
 * table entries per point. The per-digit CALL commands are shared objects, so structured cloning
 * sends each once per task however many points use it.
 */
async function mulFixedBase(curve: FfCurve, group: Group, scalars: Uint8Array) {
  const { prefix, affineBytes, jacobianBytes, table } = group;
  const count = scalars.length / FR_BYTES;
  const zero: FfTaskCommand = { cmd: 'CALL', fnName: `${prefix}_zero`, params: [{ var: 2 }] };
  const adds: FfTaskCommand[] = [];
  for (let i = 0; i < WINDOWS * DIGITS; i++) {
    const entry = { var: 0, offset: i * affineBytes };
    const params = [{ var: 2 }, entry, { var: 2 }];
    adds.push({ cmd: 'CALL', fnName: `${prefix}_addMixed`, params });
  }
  const lanes = curve.tm.concurrency * 2;
  const chunk = Math.max(1, Math.min(CHUNK_POINTS, Math.ceil(count / lanes)));
  const chunks = Math.ceil(count / chunk);
  const out = new Uint8Array(count * affineBytes);
  let next = 0;
  const runChunk = async (c: number) => {
    const first = c * chunk;
    const size = Math.min(chunk, count - first);
    const task: FfTaskCommand[] = [
      { cmd: 'ALLOCSET', var: 0, buff: table },
      { cmd: 'ALLOC', var: 1, len: size * jacobianBytes },
      { cmd: 'ALLOC', var: 2, len: jacobianBytes },
    ];
    for (let i = 0; i < size; i++) {
      task.push(zero);
      const base = (first + i) * FR_BYTES;
      for (let j = 0; j < WINDOWS; j++) {
        const digit = scalars[base + j];
        if (digit !== 0) task.push(adds[j * DIGITS + digit]);
      }
      const target = { var: 1, offset: i * jacobianBytes };
      task.push({ cmd: 'CALL', fnName: `${prefix}_copy`, params: [{ var: 2 }, target] });
    }
    task.push(...toAffine(prefix, 1, size, affineBytes));
    const [points] = await curve.tm.queueAction(task);
    out.set(points, first * affineBytes);
  };
  const lane = async () => {
    while (next < chunks) await runChunk(next++);
  };
  await Promise.all(Array.from({ length: lanes }, lane));
  return out;
}

/** Converts `count` jacobian points in task variable `v` to affine in place, then returns them. */
function toAffine(prefix: Group['prefix'], v: number, count: number, affineBytes: number) {
  const params = [{ var: v }, { val: count }, { var: v }];
  const commands: FfTaskCommand[] = [
    { cmd: 'CALL', fnName: `${prefix}_batchToAffine`, params },
    { cmd: 'GET', out: 0, var: v, len: count * affineBytes },
  ];
  return commands;
}

interface KeyPart {
  g1s: Uint8Array;
  g1sx: Uint8Array;
  g2spx: Uint8Array;
}
type ContributionKey = Record<'tau' | 'alpha' | 'beta', KeyPart>;

/**
 * The proof-of-knowledge key snarkjs' `keypair.createPTauKey` makes: for each secret x, a random
 * s·G1, x·s·G1, and x times the G2 point hashed from (personalisation, challenge, both G1 points).
 */
function contributionKey(
  curve: FfCurve,
  challenge: Uint8Array,
  secrets: Record<keyof ContributionKey, Uint8Array>,
): ContributionKey {
  const { G1, G2 } = curve;
  const part = (personalisation: number, secret: Uint8Array): KeyPart => {
    const g1s = G1.toAffine(G1.timesFr(G1.g, randomFr(curve)));
    const g1sx = G1.toAffine(G1.timesFr(g1s, secret));
    const digest = createHash('blake2b512')
      .update(new Uint8Array([personalisation]))
      .update(challenge)
      .update(G1.toUncompressed(g1s))
      .update(G1.toUncompressed(g1sx))
      .digest();
    const seed = Array.from({ length: 8 }, (_, i) => digest.readUInt32BE(i * 4));
    const g2sp = G2.fromRng(new ChaCha(seed));
    return { g1s, g1sx, g2spx: G2.toAffine(G2.timesFr(g2sp, secret)) };
  };
  return { tau: part(0, secrets.tau), alpha: part(1, secrets.alpha), beta: part(2, secrets.beta) };
}

/** `powersoftau_utils.toPtauPubKeyRpr`: six G1 points then three G2 points. */
function encodePubKey(curve: FfCurve, key: ContributionKey, form: 'LEM' | 'U'): Uint8Array {
  const { tau, alpha, beta } = key;
  const g1 = [tau.g1s, tau.g1sx, alpha.g1s, alpha.g1sx, beta.g1s, beta.g1sx];
  const g2 = [tau.g2spx, alpha.g2spx, beta.g2spx];
  const encode = (G: FfCurveGroup) => (p: Uint8Array) =>
    form === 'LEM' ? G.toAffine(p) : G.toUncompressed(p);
  return concat([...g1.map(encode(curve.G1)), ...g2.map(encode(curve.G2))]);
}

/** `calculateFirstChallengeHash`: the hash of an untouched accumulator of this ceremony power. */
function firstChallengeHash(curve: FfCurve, power: number): Uint8Array {
  const hash = createHash('blake2b512').update(createHash('blake2b512').digest());
  const g1 = curve.G1.toUncompressed(curve.G1.g);
  const g2 = curve.G2.toUncompressed(curve.G2.g);
  const n = 2 ** power;
  for (const [point, times] of [[g1, 2 * n - 1], [g2, n], [g1, n], [g1, n]] as const) {
    const block = repeat(point, Math.min(times, 4096));
    for (let done = 0; done < times; done += 4096) {
      hash.update(block.subarray(0, Math.min(4096, times - done) * point.length));
    }
  }
  return hash.update(g2).digest();
}

/**
 * The 216-byte blake2b state snarkjs stores as `partialHash` (128-byte block buffer, then h0..h7 as
 * low/high u32 pairs, then counters), here for a hasher that has absorbed nothing: verify rebuilds
 * the response hash from it, so it then equals blake2b-512(public key).
 */
function freshBlake2bState(): Uint8Array {
  const state = new Uint8Array(216);
  const words = new DataView(state.buffer, 128);
  const iv = [
    // h0 is xored with the parameter block: 64-byte digest, no key, fanout 1, depth 1.
    0x6a09e667f3bcc908n ^ 0x01010040n,
    0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
    0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
  ];
  iv.forEach((h, i) => {
    words.setUint32(i * 8, Number(h & 0xffffffffn), true);
    words.setUint32(i * 8 + 4, Number(h >> 32n), true);
  });
  return state;
}

function randomFr(curve: FfCurve): Uint8Array {
  for (;;) {
    // 384 random bits reduced mod r: the bias is ~2^-130.
    const value = BigInt(`0x${randomBytes(48).toString('hex')}`) % curve.r;
    if (value !== 0n) return curve.Fr.e(value);
  }
}

async function writeSection(file: FileHandle, id: number, ...parts: Uint8Array[]): Promise<void> {
  const size = parts.reduce((sum, p) => sum + p.length, 0);
  const header = new Uint8Array(12);
  const view = new DataView(header.buffer);
  view.setUint32(0, id, true);
  view.setBigUint64(4, BigInt(size), true);
  await writeBytes(file, header, ...parts);
}

async function writeBytes(file: FileHandle, ...parts: Uint8Array[]): Promise<void> {
  for (const part of parts) await file.write(part);
}

function u32(value: number): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value, true);
  return bytes;
}

function leBytes(value: bigint, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let i = 0; i < length; i++) bytes[i] = Number((value >> BigInt(8 * i)) & 0xffn);
  return bytes;
}

const ascii = (text: string) => new TextEncoder().encode(text);

function repeat(item: Uint8Array, times: number): Uint8Array {
  const out = new Uint8Array(item.length * times);
  for (let i = 0; i < times; i++) out.set(item, i * item.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
