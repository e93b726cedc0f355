import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ModelError } from '../onnx/graph.js';
import { readTensors, verifyProofDir, withVerifier, type VerifyDirOptions, type VerifyDirResult } from '../verify.js';
import { chunkLayout, type ChunkLayout } from './compose.js';
import { CHAIN_MANIFEST, chunkDir, type ChainManifest, type ClaimedTensor, type TensorSpec } from './output.js';

export interface ChunkVerdict {
  index: number;
  /** Its proof verified against its public values. */
  verified: boolean;
  /** Why the chunk fails (its proof, its link to the previous chunk, or the claim), when it does. */
  reason?: string;
}

export interface VerifyChainResult extends VerifyDirResult {
  chunks: ChunkVerdict[];
}

/**
 * Verify a chunked `zkcoder prove --chunk --out DIR` folder: every chunk's proof verifies against
 * its public values; chunk i's input commitment equals chunk i-1's output commitment; the first
 * chunk's public inputs and the last chunk's public outputs are the model inputs and outputs that
 * chain.json claims. Where each value sits among the public signals is recomputed from the
 * manifest's tensors, not read from it. The reason names the first failing chunk.
 */
export async function verifyChainDir(dir: string, options: VerifyDirOptions = {}): Promise<VerifyChainResult> {
  const manifest = checkManifest(await readJson<ChainManifest>(join(dir, CHAIN_MANIFEST)));
  const count = manifest.chunks.length;
  const layouts: ChunkLayout[] = manifest.chunks.map((chunk, index) => chunkLayout(manifest.lang, { first: index === 0, last: index === count - 1, inputs: chunk.inputs, outputs: chunk.outputs }));
  const verdicts: ChunkVerdict[] = [];
  const signals: (string[] | undefined)[] = [];
  // One verifier for every chunk, not one started per chunk.
  await withVerifier(manifest.lang, options, async (shared) => {
    for (const [index, chunk] of manifest.chunks.entries()) {
      const folder = join(dir, chunk.dir);
      if (existsSync(join(folder, CHAIN_MANIFEST))) throw new ModelError(`${folder} holds a ${CHAIN_MANIFEST}: a chunk folder holds one proof`);
      const verdict = await verifyChunk(folder, index, layouts[index], manifest, shared);
      verdicts.push(verdict.verdict);
      signals.push(verdict.signals);
    }
  });
  // The links: each chunk starts from the activations the previous one ended with.
  for (let index = 1; index < count; index++) {
    const [previous, current] = [signals[index - 1], signals[index]];
    const [outAt, inAt] = [layouts[index - 1].outCommitment as number, layouts[index].inCommitment as number];
    if (previous && current && previous[outAt] !== current[inAt]) {
      fail(verdicts[index], `chunk ${index}: its input commitment differs from chunk ${index - 1}'s output commitment (the chain is broken)`);
    }
  }
  // The claim: the model inputs enter the first chunk, the model outputs leave the last.
  const claimMismatch = (tensors: ClaimedTensor[], at: ChunkLayout['inputs'], values: string[] | undefined) =>
    values !== undefined && tensors.some((tensor, k) => JSON.stringify(values.slice(at[k].offset, at[k].offset + tensor.values.length)) !== JSON.stringify(tensor.values));
  if (claimMismatch(manifest.inputs, layouts[0].inputs, signals[0])) fail(verdicts[0], `chunk 0: its public inputs are not the model inputs ${CHAIN_MANIFEST} claims`);
  if (claimMismatch(manifest.outputs, layouts[count - 1].outputs, signals[count - 1])) fail(verdicts[count - 1], `chunk ${count - 1}: its public outputs are not the model outputs ${CHAIN_MANIFEST} claims`);

  const failed = verdicts.find((verdict) => verdict.reason !== undefined);
  return {
    verified: failed === undefined,
    lang: manifest.lang,
    system: manifest.system,
    inputs: readTensors(layouts[0].inputs, signals[0] ?? []),
    outputs: readTensors(layouts[count - 1].outputs, signals[count - 1] ?? []),
    chunks: verdicts,
    ...(failed ? { reason: failed.reason } : {}),
  };
}

async function verifyChunk(folder: string, index: number, layout: ChunkLayout, manifest: ChainManifest, options: VerifyDirOptions): Promise<{ verdict: ChunkVerdict; signals?: string[] }> {
  const publicSignals = await readJson<unknown>(join(folder, 'proof', 'public.json'));
  if (!Array.isArray(publicSignals) || publicSignals.some((value) => typeof value !== 'string' || !/^\d+$/.test(value))) {
    return { verdict: { index, verified: false, reason: `chunk ${index}: public.json is not a list of decimal field elements` } };
  }
  if (publicSignals.length !== layout.publicCount) {
    return { verdict: { index, verified: false, reason: `chunk ${index}: public.json has ${publicSignals.length} values, the chain needs ${layout.publicCount}` }, signals: undefined };
  }
  const result = await verifyProofDir(folder, options);
  if (result.lang !== manifest.lang || result.system !== manifest.system) {
    return { verdict: { index, verified: false, reason: `chunk ${index}: its claim.json says ${result.lang} / ${result.system}, the chain ${manifest.lang} / ${manifest.system}` }, signals: publicSignals };
  }
  return { verdict: { index, verified: result.verified, ...(result.verified ? {} : { reason: `chunk ${index}: the proof does not verify against its public values` }) }, signals: publicSignals };
}

function fail(verdict: ChunkVerdict, reason: string): void {
  verdict.reason ??= reason;
}

/** The manifest's shape, checked before any path or offset is taken from it. */
function checkManifest(manifest: ChainManifest): ChainManifest {
  const bad = (what: string): never => {
    throw new ModelError(`${CHAIN_MANIFEST}: ${what}`);
  };
  if (manifest.lang !== 'circom' && manifest.lang !== 'noir') bad(`lang "${String(manifest.lang)}" is not circom or noir`);
  if (!Array.isArray(manifest.chunks) || manifest.chunks.length === 0) bad('no chunks');
  const isShape = (shape: unknown) => Array.isArray(shape) && shape.every((size) => Number.isInteger(size) && size >= 0);
  const isSpecs = (list: unknown) => Array.isArray(list) && list.every((tensor: TensorSpec) => typeof tensor?.name === 'string' && isShape(tensor.shape) && Number.isInteger(tensor.scale));
  manifest.chunks.forEach((chunk, index) => {
    // Folders are named by position, so the manifest cannot point outside DIR or reorder the chain.
    if (chunk?.dir !== chunkDir(index)) bad(`chunk ${index} must be in folder ${chunkDir(index)}`);
    if (!isSpecs(chunk.inputs) || !isSpecs(chunk.outputs)) bad(`chunk ${index}: inputs and outputs must be lists of { name, shape, scale }`);
    if (index > 0 && JSON.stringify(chunk.inputs) !== JSON.stringify(manifest.chunks[index - 1].outputs)) bad(`chunk ${index}: its inputs are not chunk ${index - 1}'s outputs`);
  });
  for (const [key, tensors, chunkTensors] of [
    ['inputs', manifest.inputs, manifest.chunks[0].inputs],
    ['outputs', manifest.outputs, manifest.chunks[manifest.chunks.length - 1].outputs],
  ] as const) {
    if (!isSpecs(tensors) || tensors.length !== chunkTensors.length || tensors.some((tensor, k) => tensor.name !== chunkTensors[k].name || !Array.isArray(tensor.values))) {
      bad(`${key} must list the ${key === 'inputs' ? 'first' : 'last'} chunk's ${key} with their values`);
    }
  }
  return manifest;
}

async function readJson<T>(path: string): Promise<T> {
  if (!existsSync(path)) throw new ModelError(`${path} is missing: is this a folder written by \`zkcoder prove --chunk --out\`?`);
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (error) {
    throw new ModelError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}
