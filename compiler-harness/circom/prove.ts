import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import * as snarkjs from 'snarkjs';
import { recordDigest, verifyCached } from '../files/digest.js';
import { gatePath, mkdirInside, writeInside } from '../files/write-gate.js';
import { zkcoderHome } from '../home.js';
import { DEV_PTAU_WARNING, ensureDevPtau, requiredPtauPowerForR1cs } from '../setup/ptau.js';
import type { HarnessOptions, Proof } from '../types.js';
import type { CircomCompiled } from './backend.js';
import { encodeWtns } from './wtns.js';

export type CircomProofSystem = 'groth16' | 'plonk';

interface ProvingKey {
  zkeyPath: string;
  verificationKey: unknown;
  warnings: string[];
}

export const GROTH16_PHASE2_WARNING =
  'The Groth16 phase-2 setup is a single local contribution (fresh random entropy, discarded): ' +
  'fine for development; for production keys run a multi-party phase 2 (snarkjs zkey contribute ' +
  'by independent parties).';

/**
 * Part of every key's cache name. `phase2-1`: Groth16 keys carry a phase-2 contribution; keys
 * cached before that (δ = γ, forgeable with any ptau) are never picked up again.
 */
const KEY_FORMAT = 'phase2-1';

// snarkjs logs through this; a silent logger that still lets us see why PLONK setup fails.
function collectingLogger(lines: string[]) {
  const push = (m: string) => lines.push(m);
  return { debug: () => undefined, info: () => undefined, warn: push, error: push };
}

interface KeyLocation {
  /** Folder holding `circuit.zkey` and `vkey.json`, written together and renamed into place. */
  dir: string;
  userPtau?: string;
}

/** Where the keys of this circuit (by its R1CS content), proof system and ptau are cached. */
async function keyLocation(compiled: CircomCompiled, system: CircomProofSystem, options: HarnessOptions): Promise<KeyLocation> {
  const configured = options.ptauPath ?? process.env.ZKCODER_PTAU;
  const userPtau = configured ? resolve(configured) : undefined;
  const digest = createHash('sha256').update(await r1csDigest(compiled)).update(system).update(userPtau ?? 'dev').update(KEY_FORMAT).digest('hex').slice(0, 24);
  return { dir: join(zkcoderHome(options.home), 'keys', `${digest}.${system}`), userPtau };
}

/** The R1CS hash, once per compiled circuit: prove, verify and the tampered-proof check all need it. */
const r1csDigests = new WeakMap<CircomCompiled, Promise<string>>();

function r1csDigest(compiled: CircomCompiled): Promise<string> {
  let digest = r1csDigests.get(compiled);
  if (!digest) {
    digest = readFile(compiled.r1csPath).then((bytes) => createHash('sha256').update(bytes).digest('hex'));
    r1csDigests.set(compiled, digest);
  }
  return digest;
}

const pending = new Map<string, Promise<string[]>>();
const KEY_FILES = ['circuit.zkey', 'vkey.json'];

/**
 * Groth16 / PLONK proving key for a compiled circuit, cached by the R1CS content so a circuit set up
 * once is not set up again. Uses a real ptau when the user gave one, else the dev ptau. Groth16
 * keys get one phase-2 contribution with fresh random entropy: without it δ = γ, and proofs can be
 * forged whatever ptau was used.
 */
export async function provingKey(compiled: CircomCompiled, system: CircomProofSystem, options: HarnessOptions): Promise<ProvingKey> {
  const location = await keyLocation(compiled, system, options);
  const warnings: string[] = [];
  // Cached keys are checked against their digests: a damaged zkey would otherwise make every
  // later proof fail with an error that blames the circuit.
  if (existsSync(join(location.dir, 'vkey.json')) && !pending.has(location.dir)) {
    const intact = await verifyCached(location.dir, KEY_FILES.map((name) => join(location.dir, name)), `${system} proving key in ${location.dir}`);
    if (!intact.ok) {
      await rm(location.dir, { recursive: true, force: true });
      warnings.push(intact.warning);
    }
  }
  if (!existsSync(join(location.dir, 'vkey.json'))) {
    // Callers in one process share one setup; other processes race through the rename below.
    let setup = pending.get(location.dir);
    if (!setup) {
      setup = writeKeys(compiled, system, { ...location, home: options.home }).finally(() => pending.delete(location.dir));
      pending.set(location.dir, setup);
    }
    for (const warning of await setup) if (!warnings.includes(warning)) warnings.push(warning);
  } else if (!location.userPtau) {
    warnings.push(DEV_PTAU_WARNING);
  }
  if (system === 'groth16') warnings.push(GROTH16_PHASE2_WARNING);
  const verificationKey = JSON.parse(await readFile(join(location.dir, 'vkey.json'), 'utf8'));
  return { zkeyPath: join(location.dir, 'circuit.zkey'), verificationKey, warnings };
}

/** Set up keys into a private folder, then rename it into place; returns the ptau's warnings. */
async function writeKeys(compiled: CircomCompiled, system: CircomProofSystem, location: KeyLocation & { home?: string }): Promise<string[]> {
  const warnings: string[] = [];
  const keysRoot = dirname(location.dir);
  const staging = await mkdirInside(keysRoot, `${basename(location.dir)}.${process.pid}.${randomBytes(4).toString('hex')}.partial`);
  try {
    const initial = join(staging, system === 'groth16' ? 'phase2-initial.zkey' : 'circuit.zkey');
    let power = requiredPtauPowerForR1cs(compiled.r1cs, system);
    // The power is computed exactly as snarkjs does; should a future snarkjs count differently it
    // answers -1, and the next power is tried before giving up.
    for (let attempt = 0; ; attempt++) {
      const ptau = await ensureDevPtau({ power, home: location.home, ptauPath: location.userPtau });
      for (const warning of [ptau.repaired, ptau.warning]) if (warning && !warnings.includes(warning)) warnings.push(warning);
      const log: string[] = [];
      const result =
        system === 'groth16'
          ? await snarkjs.zKey.newZKey(compiled.r1csPath, ptau.ptauPath, initial, collectingLogger(log))
          : await snarkjs.plonk.setup(compiled.r1csPath, ptau.ptauPath, initial, collectingLogger(log));
      if (result !== -1 && existsSync(initial)) break;
      if (location.userPtau || attempt >= 2) throw new Error(`${system} setup failed: ${log.join('; ') || 'snarkjs gave no reason'}`);
      power = ptau.power + 1;
    }
    const zkeyPath = join(staging, 'circuit.zkey');
    if (system === 'groth16') {
      // newZKey leaves δ = γ = the generator; one contribution with entropy nobody keeps moves δ.
      await snarkjs.zKey.contribute(initial, zkeyPath, 'zkcoder local phase-2 contribution', randomBytes(32).toString('hex'), collectingLogger([]));
      await rm(initial);
    }
    await writeInside(staging, 'vkey.json', JSON.stringify(await snarkjs.zKey.exportVerificationKey(zkeyPath)));
    for (const name of KEY_FILES) await recordDigest(staging, join(staging, name));
    try {
      await rename(staging, gatePath(keysRoot, basename(location.dir)));
    } catch (error) {
      // Another process set the same circuit up first: its keys are as good, and proofs already
      // made with them must keep verifying, so ours are dropped.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
    }
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return warnings;
}

/** The cached verification key of this circuit, or undefined when it was never set up. */
export async function circuitVerificationKey(compiled: CircomCompiled, system: CircomProofSystem, options: HarnessOptions): Promise<unknown> {
  const { dir } = await keyLocation(compiled, system, options);
  const path = join(dir, 'vkey.json');
  return existsSync(path) ? JSON.parse(await readFile(path, 'utf8')) : undefined;
}

export async function proveCircom(
  compiled: CircomCompiled,
  witness: readonly bigint[],
  system: CircomProofSystem,
  options: HarnessOptions,
): Promise<Proof> {
  const start = performance.now();
  const key = await provingKey(compiled, system, options);
  const wtns = { type: 'mem' as const, data: encodeWtns(witness, compiled.r1cs.prime) };
  const prover = system === 'groth16' ? snarkjs.groth16 : snarkjs.plonk;
  const { proof, publicSignals } = await prover.prove(key.zkeyPath, wtns);
  return {
    system,
    proof,
    publicSignals,
    verificationKey: key.verificationKey,
    durationMs: performance.now() - start,
    warnings: key.warnings,
  };
}

/**
 * Verify against the key of the compiled circuit, never the key the proof carries: a proof of
 * another circuit brings that circuit's key, which would verify it. A proof whose key differs
 * from the circuit's is refused; so is any proof for a circuit that was never set up (its key
 * would be made now, with fresh phase-2 entropy, and could not match an earlier proof).
 */
export async function verifyCircom(compiled: CircomCompiled, proof: Proof, options: HarnessOptions): Promise<boolean> {
  if (proof.system !== 'groth16' && proof.system !== 'plonk') return false;
  const verificationKey = await circuitVerificationKey(compiled, proof.system, options);
  if (verificationKey === undefined) return false;
  if (proof.verificationKey !== undefined && JSON.stringify(proof.verificationKey) !== JSON.stringify(verificationKey)) return false;
  const verifier = proof.system === 'plonk' ? snarkjs.plonk : snarkjs.groth16;
  try {
    return await verifier.verify(verificationKey, proof.publicSignals, proof.proof);
  } catch {
    // A malformed (tampered) proof can make snarkjs throw instead of answering false.
    return false;
  }
}
