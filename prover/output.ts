import { join } from 'node:path';
import type { FolderWriter } from '../compiler-harness/files/output-folder.js';
import { writeProof } from '../compiler-harness/write-proof.js';
import type { NoirCompiledCircuit } from '../compiler-harness/noir/backend.js';
import { sizeOf } from './onnx/graph.js';
import type { ProveResult } from './prove.js';
import type { QuantizedGraph } from './quantize/types.js';
import { reportMarkdown } from './report.js';

/** Where each graph output sits among the proof's public signals, so `zkcoder verify` can read it. */
export interface ProofClaim {
  lang: ProveResult['lang'];
  system: ProveResult['system'];
  bits: number;
  inputs: ClaimTensor[];
  outputs: ClaimTensor[];
}

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
  const [inputStart, outputStart] = result.lang === 'circom' ? [outputSize, 0] : [0, inputSize];
  return { lang: result.lang, system: result.system, bits: graph.bits, inputs: layout(graph.inputs, inputStart), outputs: layout(graph.outputs, outputStart) };
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
  await put('quantization.json', JSON.stringify(quantizationSpec(result.quantized), null, 2));
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
export function quantizationSpec(graph: QuantizedGraph): unknown {
  return JSON.parse(JSON.stringify(graph, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)));
}
