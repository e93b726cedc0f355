import { join } from 'node:path';
import type { FolderWriter } from '../compiler-harness/files/output-folder.js';
import { writeProof } from '../compiler-harness/write-proof.js';
import type { NoirCompiledCircuit } from '../compiler-harness/noir/backend.js';
import { sizeOf } from './onnx/graph.js';
import type { ProveResult } from './prove.js';
import type { QuantizedGraph } from './quantize/types.js';
import { reportMarkdown } from './report.js';
import { hasPrivateWeights } from './compose/private-weights.js';

/** Where each graph output sits among the proof's public signals, so `zkcoder verify` can read it. */
export interface ProofClaim {
  lang: ProveResult['lang'];
  system: ProveResult['system'];
  bits: number;
  inputs: ClaimTensor[];
  outputs: ClaimTensor[];
  /** `--commit-weights`: the public Poseidon commitment of the private weights and where it sits. */
  weightsCommitment?: ClaimCommitment;
}

export interface ClaimCommitment {
  /** Index in public.json: Circom right after the outputs; Noir after the inputs and outputs (the last value). */
  offset: number;
  /** 0x-hex, as `zkcoder prove` printed it. */
  value: string;
  /** How many values it commits (weights, then biases, layer by layer) and the hash. */
  count: number;
  hash: string;
}

/** Where the commitment must sit for a claim's tensors (verify does not trust the recorded offset). */
export function commitmentOffset(claim: Pick<ProofClaim, 'lang' | 'inputs' | 'outputs'>): number {
  const total = (tensors: ClaimTensor[]) => tensors.reduce((sum, tensor) => sum + sizeOf(tensor.shape), 0);
  return claim.lang === 'circom' ? total(claim.outputs) : total(claim.inputs) + total(claim.outputs);
}

/** The hashes behind a commitment, per language. */
export const COMMITMENT_HASH = { circom: 'circomlib PoseidonEx(16, 1) chain', noir: 'noir std Poseidon2 sponge' } as const;

export interface ClaimTensor {
  name: string;
  shape: number[];
  scale: number;
  /** Index of the first value in public.json. */
  offset: number;
}

/**
 * The public-signal layout: snarkjs puts the outputs first, then the public inputs; bb.js puts
 * main's public parameters first, then the returned values.
 */
export function proofClaim(result: ProveResult): ProofClaim {
  const graph = result.quantized;
  const inputSize = graph.inputs.reduce((total, input) => total + sizeOf(input.shape), 0);
  const outputSize = graph.outputs.reduce((total, output) => total + sizeOf(output.shape), 0);
  // The commitment is one more circuit output: snarkjs lists it after out<k>, before the public inputs.
  const committed = result.weightsCommitment !== undefined ? 1 : 0;
  const [inputStart, outputStart] = result.lang === 'circom' ? [outputSize + committed, 0] : [0, inputSize];
  const claim: ProofClaim = { lang: result.lang, system: result.system, bits: graph.bits, inputs: layout(graph.inputs, inputStart), outputs: layout(graph.outputs, outputStart) };
  if (result.weightsCommitment !== undefined) {
    claim.weightsCommitment = { offset: commitmentOffset(claim), value: result.weightsCommitment, count: result.committedWeights?.count ?? 0, hash: COMMITMENT_HASH[result.lang] };
  }
  return claim;
}

function layout(tensors: QuantizedGraph['inputs'], start: number): ClaimTensor[] {
  let offset = start;
  return tensors.map((tensor) => {
    const entry = { name: tensor.name, shape: tensor.shape, scale: tensor.scale, offset };
    offset += sizeOf(tensor.shape);
    return entry;
  });
}

/** Write everything a run produced: circuit sources, quantization spec, inputs, proof/, result.json, REPORT.md. */
export async function writeProveOutput(folder: FolderWriter, result: ProveResult, floatInputs: Record<string, unknown>): Promise<string[]> {
  const written: string[] = [];
  // Every file goes through the output folder's write gate: circuit file names stay inside it.
  const put = async (path: string, data: string | Uint8Array) => {
    written.push(await folder.write(path, data));
  };
  for (const [path, source] of Object.entries(result.circuit.files)) await put(join('circuit', path), source);
  await put('quantization.json', JSON.stringify(quantizationSpec(result.quantized, result.weightsCommitment !== undefined), null, 2));
  await put('inputs.json', JSON.stringify({ float: floatInputs, circuit: result.circuitInputs }, null, 2));
  written.push(...(await writeProof(folder, 'proof', result.proof)));
  await put('proof/claim.json', JSON.stringify(proofClaim(result), null, 2));
  if (result.lang === 'noir') await put('proof/program.json', JSON.stringify((result.compiled as NoirCompiledCircuit).program));
  await put('result.json', JSON.stringify(resultSummary(result), null, 2));
  await put('REPORT.md', reportMarkdown(result));
  return written;
}

/** The JSON result without the bulky in-memory parts (circuit, proof, compiled program). */
export function resultSummary(result: ProveResult): Record<string, unknown> {
  const { circuit, compiled, proof, quantized, circuitInputs, ...summary } = result;
  void circuit, compiled, proof, quantized, circuitInputs;
  return summary;
}

/** The quantized graph with its integers as strings (JSON has no bigint). */
export function quantizationSpec(graph: QuantizedGraph, weightsPrivate = false): unknown {
  // With --commit-weights the committed weights and biases are the owner's secret: left out.
  const shown = weightsPrivate ? { ...graph, layers: graph.layers.map((layer) => (hasPrivateWeights(layer) ? { ...layer, params: { ...layer.params, weights: 'private (committed)', bias: 'private (committed)' } } : layer)) } : graph;
  return JSON.parse(JSON.stringify(shown, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}
