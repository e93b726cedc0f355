import { join } from 'node:path';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import type { FolderWriter } from '../../compiler-harness/files/output-folder.js';
import { writeProof } from '../../compiler-harness/write-proof.js';
import { quantizationSpec, type ProofClaim } from '../output.js';
import { toFieldString } from '../quantize/fixed-point.js';
import type { QuantizedTensor } from '../quantize/types.js';
import type { ChunkedProveResult } from './prove-chunked.js';
import { chunkedReportMarkdown } from './report.js';

/** The manifest file of a chunked `--out` folder; `zkcoder verify` checks the chain it describes. */
export const CHAIN_MANIFEST = 'chain.json';

export interface TensorSpec {
  name: string;
  shape: number[];
  scale: number;
}

/** A model input or output with the field elements the proof claims for it. */
export interface ClaimedTensor extends TensorSpec {
  values: string[];
}

export interface ChainManifest {
  lang: ChunkedProveResult['lang'];
  system: ChunkedProveResult['system'];
  bits: number;
  /** In chain order; chunk i's outputs are chunk i+1's inputs, linked by their commitment. */
  chunks: { dir: string; layers: string[]; inputs: TensorSpec[]; outputs: TensorSpec[] }[];
  /** The model inputs (public in the first chunk) and outputs (public in the last), as claimed. */
  inputs: ClaimedTensor[];
  outputs: ClaimedTensor[];
}

/** `chunk-<i>`: every chunk's folder, named by its place in the chain. */
export function chunkDir(index: number): string {
  return `chunk-${index}`;
}

/**
 * Write a chunked run: per chunk `chunk-<i>/circuit/` and `chunk-<i>/proof/` (as one circuit's
 * `proof/`, with its claim.json), then chain.json, quantization.json, inputs.json, result.json and
 * REPORT.md at the top.
 */
export async function writeChunkedOutput(folder: FolderWriter, result: ChunkedProveResult, floatInputs: Record<string, unknown>): Promise<string[]> {
  const written: string[] = [];
  const put = async (path: string, data: string | Uint8Array) => {
    written.push(await folder.write(path, data));
  };
  for (const { chunk, circuit, layout, proof, program } of result.proofs) {
    const dir = chunkDir(chunk.index);
    for (const [path, source] of Object.entries(circuit.files)) await put(join(dir, 'circuit', path), source);
    written.push(...(await writeProof(folder, join(dir, 'proof'), proof)));
    const claim: ProofClaim = { lang: result.lang, system: result.system, bits: result.bits, inputs: layout.inputs, outputs: layout.outputs };
    await put(join(dir, 'proof', 'claim.json'), JSON.stringify(claim, null, 2));
    if (program) await put(join(dir, 'proof', 'program.json'), JSON.stringify(program));
  }
  await put(CHAIN_MANIFEST, JSON.stringify(chainManifest(result), null, 2));
  await put('quantization.json', JSON.stringify(quantizationSpec(result.quantized), null, 2));
  await put('inputs.json', JSON.stringify({ float: floatInputs, circuit: result.circuitInputs }, null, 2));
  await put('result.json', JSON.stringify(chunkedSummary(result), null, 2));
  await put('REPORT.md', chunkedReportMarkdown(result));
  return written;
}

export function chainManifest(result: ChunkedProveResult): ChainManifest {
  const spec = (tensor: QuantizedTensor): TensorSpec => ({ name: tensor.name, shape: tensor.shape, scale: tensor.scale });
  const graph = result.quantized;
  return {
    lang: result.lang,
    system: result.system,
    bits: result.bits,
    chunks: result.proofs.map(({ chunk }) => ({ dir: chunkDir(chunk.index), layers: chunk.graph.layers.map((layer) => layer.node), inputs: chunk.graph.inputs.map(spec), outputs: chunk.graph.outputs.map(spec) })),
    inputs: graph.inputs.map((input, k) => ({ ...spec(input), values: result.circuitInputs[`in${k}`] })),
    outputs: graph.outputs.map((output) => ({ ...spec(output), values: result.integerOutputs[output.name].map((value) => toFieldString(BigInt(value), BN254_PRIME)) })),
  };
}

/** The JSON result without the bulky in-memory parts (proofs, circuits, the quantized graph). */
export function chunkedSummary(result: ChunkedProveResult): Record<string, unknown> {
  const { proofs, quantized, circuitInputs, ...summary } = result;
  void proofs, quantized, circuitInputs;
  return summary;
}
