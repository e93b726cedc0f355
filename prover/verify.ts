import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BN254_PRIME } from '../compiler-harness/field.js';
import type { SharedBarretenberg } from '../compiler-harness/noir/barretenberg.js';
import type { HarnessOptions } from '../compiler-harness/types.js';
import { ModelError, sizeOf } from './onnx/graph.js';
import { commitmentOffset, type ClaimTensor, type ProofClaim } from './output.js';
import { commitmentHex } from './commit/field.js';
import { dequantizeValue, fromFieldString } from './quantize/fixed-point.js';

export interface VerifyDirResult {
  verified: boolean;
  lang: ProofClaim['lang'];
  system: ProofClaim['system'];
  /** The public inputs and outputs the proof is about, dequantized (flat per tensor). */
  inputs: Record<string, number[]>;
  outputs: Record<string, number[]>;
  /** `--commit-weights` proofs: the weights commitment the proof binds (0x-hex). */
  weightsCommitment?: string;
  reason?: string;
}

export interface VerifyDirOptions extends HarnessOptions {
  /** A weights commitment the verifier knows (0x-hex or decimal): the proof must bind exactly it. */
  weightsCommitment?: string;
  /** Noir: the bb.js instance to verify with (see `withVerifier`); otherwise one is started and destroyed. */
  barretenberg?: SharedBarretenberg;
}

/**
 * Verify the proof a `zkcoder prove --out DIR` run wrote. Circom: the proof against
 * `verification_key.json` and `public.json`. Noir: against the compiled program in
 * `proof/program.json` (bb.js derives the verification key from it). The claimed outputs are read
 * from the public values the proof binds, so editing `public.json` makes verification fail.
 * A `--commit-weights` proof also passes only when the commitment among its public values equals
 * the one recorded in claim.json (and `options.weightsCommitment`, when given).
 * A folder with `chain.json` holds a chunked run: see `verifyChainDir`.
 */
export async function verifyProofDir(dir: string, options: VerifyDirOptions = {}): Promise<VerifyDirResult> {
  // A chunked run (`prove --chunk`): one proof per chunk and the chain between them.
  if (existsSync(join(dir, 'chain.json'))) return (await import('./chunk/verify-chain.js')).verifyChainDir(dir, options);
  const proofDir = join(dir, 'proof');
  const claim = await readJson<ProofClaim>(join(proofDir, 'claim.json'));
  const publicSignals = await readJson<string[]>(join(proofDir, 'public.json'));
  if (!Array.isArray(publicSignals) || publicSignals.some((value) => typeof value !== 'string' || !/^\d+$/.test(value))) {
    return { verified: false, lang: claim.lang, system: claim.system, inputs: {}, outputs: {}, reason: 'public.json is not a list of decimal field elements' };
  }
  const base = { lang: claim.lang, system: claim.system, inputs: readTensors(claim.inputs, publicSignals), outputs: readTensors(claim.outputs, publicSignals) };
  const expected = options.weightsCommitment === undefined ? undefined : parseCommitment(options.weightsCommitment);
  const commitment = checkCommitment(claim, publicSignals, expected);
  const withCommitment = { ...base, ...(commitment.value !== undefined ? { weightsCommitment: commitmentHex(commitment.value) } : {}) };
  if (commitment.reason) return { ...withCommitment, verified: false, reason: commitment.reason };
  const verified = await withVerifier(claim.lang, options, (shared) =>
    claim.lang === 'circom' ? verifyCircomDir(proofDir, claim, publicSignals) : verifyNoirDir(proofDir, publicSignals, shared.barretenberg!),
  );
  return { ...withCommitment, verified, ...(verified ? {} : { reason: 'the proof does not verify against its public values' }) };
}

/**
 * The weights commitment among the public values: at the place the claim's tensors put it (the
 * recorded offset must agree), equal to the recorded value and to the expected one.
 */
function checkCommitment(claim: ProofClaim, publicSignals: string[], expected: bigint | undefined): { value?: bigint; reason?: string } {
  const recorded = claim.weightsCommitment;
  if (!recorded) return expected === undefined ? {} : { reason: 'the proof commits to no weights (it was made without --commit-weights)' };
  const offset = commitmentOffset(claim);
  const publicCount = [...claim.inputs, ...claim.outputs].reduce((total, tensor) => total + sizeOf(tensor.shape), 1);
  if (recorded.offset !== offset || publicSignals.length !== publicCount) {
    return { reason: `claim.json puts the weights commitment at public value ${recorded.offset} of ${publicSignals.length}; its inputs and outputs put it at ${offset} of ${publicCount}` };
  }
  const value = BigInt(publicSignals[offset]);
  let recordedValue: bigint;
  try {
    recordedValue = parseCommitment(recorded.value);
  } catch (error) {
    return { value, reason: `claim.json: ${(error as Error).message}` };
  }
  if (value !== recordedValue) return { value, reason: `the proof's weights commitment ${commitmentHex(value)} differs from the one recorded in claim.json (${recorded.value})` };
  if (expected !== undefined && value !== expected) return { value, reason: `the proof's weights commitment ${commitmentHex(value)} is not the expected ${commitmentHex(expected)}` };
  return { value };
}

/** A commitment written as 0x-hex or decimal. */
export function parseCommitment(text: string): bigint {
  const value = /^0x[0-9a-fA-F]{1,64}$/.test(text) || /^\d{1,78}$/.test(text) ? BigInt(text) : undefined;
  if (value === undefined || value >= BN254_PRIME) throw new ModelError(`weights commitment "${text}" is not a field element (0x-hex or decimal, below the BN254 prime)`);
  return value;
}

async function verifyCircomDir(proofDir: string, claim: ProofClaim, publicSignals: string[]): Promise<boolean> {
  const snarkjs = await import('snarkjs');
  const verificationKey = await readJson<unknown>(join(proofDir, 'verification_key.json'));
  const proof = await readJson<unknown>(join(proofDir, 'proof.json'));
  const verifier = claim.system === 'plonk' ? snarkjs.plonk : snarkjs.groth16;
  try {
    return await verifier.verify(verificationKey as never, publicSignals, proof as never);
  } catch {
    return false; // a malformed proof can make snarkjs throw instead of answering false
  }
}

async function verifyNoirDir(proofDir: string, publicSignals: string[], barretenberg: SharedBarretenberg): Promise<boolean> {
  const { toWitnessHex } = await import('../compiler-harness/noir/acir.js');
  const program = await readJson<{ bytecode: string }>(join(proofDir, 'program.json'));
  const proof = new Uint8Array(await readFile(join(proofDir, 'proof')));
  try {
    return await barretenberg.verify(program.bytecode, { proof, publicInputs: publicSignals.map((value) => toWitnessHex(BigInt(value))) });
  } catch {
    return false;
  }
}

/** snarkjs (ffjavascript) keeps one bn128 curve, with its worker threads, per process. */
function curveRunning(): boolean {
  return Boolean((globalThis as { curve_bn128?: unknown }).curve_bn128);
}

/**
 * Run `work` with one verifier of `lang` started for all of it: the chunks of a chain (or many
 * checks of one folder) then share one bb.js instance or one snarkjs curve, instead of starting and
 * ending one per proof (about a second of CPU each). Noir: `work` gets `barretenberg` set. A
 * verifier given in `options`, or a curve already running (someone else's), is left running.
 */
export async function withVerifier<T>(lang: ProofClaim['lang'], options: VerifyDirOptions, work: (options: VerifyDirOptions) => Promise<T>): Promise<T> {
  if (lang === 'noir') {
    if (options.barretenberg) return work(options);
    const { SharedBarretenberg } = await import('../compiler-harness/noir/barretenberg.js');
    const barretenberg = new SharedBarretenberg({ home: options.home, crsPath: options.crsPath });
    try {
      return await work({ ...options, barretenberg });
    } finally {
      await barretenberg.destroy();
    }
  }
  const snarkjs = await import('snarkjs');
  const started = !curveRunning();
  await snarkjs.curves.getCurveFromName('bn128');
  try {
    return await work(options);
  } finally {
    if (started) await (await snarkjs.curves.getCurveFromName('bn128')).terminate();
  }
}

/** Dequantized tensors read out of the public signals at the claim's offsets. */
export function readTensors(tensors: ClaimTensor[], publicSignals: string[]): Record<string, number[]> {
  return Object.fromEntries(
    tensors.map((tensor) => [
      tensor.name,
      publicSignals.slice(tensor.offset, tensor.offset + sizeOf(tensor.shape)).map((value) => dequantizeValue(fromFieldString(value, BN254_PRIME), tensor.scale)),
    ]),
  );
}

async function readJson<T>(path: string): Promise<T> {
  if (!existsSync(path)) throw new ModelError(`${path} is missing: is this a folder written by \`zkcoder prove --out\`?`);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    throw new ModelError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
