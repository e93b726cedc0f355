import type { Lang, Proof, ProofSystem, TargetCircuit } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import type { ComposedCircuit } from '../compose/types.js';
import { layerReports, type LayerReport } from '../layer-report.js';
import { ModelError } from '../onnx/graph.js';
import { readModel } from '../onnx/read.js';
import { DEFAULT_MODEL_TIMEOUT_MS, floatValues, languageAndSystem, nestValues, type ProveEvent, type ProveOptions, type ProveOutcome, type ProveStage } from '../prove.js';
import { calibrateScale } from '../quantize/calibrate.js';
import { dequantizeValue, fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import type { QuantizedGraph } from '../quantize/types.js';
import { runReference } from '../reference.js';
import { chunkLayout, composeChunk, type ChunkLayout } from './compose.js';
import { defaultJobs, proveChunks, type ChunkJobResult } from './pool.js';
import { splitGraph, type ChunkSize, type GraphChunk } from './split.js';

export interface ChunkedProveOptions extends Omit<ProveOptions, 'backend'> {
  chunk: ChunkSize;
  /** Chunks proved at once, each in its own worker thread (default: the machine's parallelism). */
  jobs?: number;
}

/** One chunk of a chunked run, as reported and written to `--out`. */
export interface ChunkReport {
  index: number;
  /** The ONNX nodes it proves. */
  layers: string[];
  ops: string[];
  /** Activations it reads and writes (the model's for the first inputs and last outputs). */
  inputs: string[];
  outputs: string[];
  /** Circom: R1CS constraints; Noir: ACIR opcodes. */
  constraints: number;
  gates?: number;
  timings: ChunkJobResult['timings'];
  verified: boolean;
  inCommitment?: string;
  outCommitment?: string;
}

/** A chunk's proof and what `zkcoder verify` needs beside it. */
export interface ChunkProof {
  chunk: GraphChunk;
  circuit: ComposedCircuit;
  layout: ChunkLayout;
  proof: Proof;
  program?: unknown;
}

export type ChunkedProveEvent =
  | Exclude<ProveEvent, { type: 'done' }>
  | { type: 'chunk-end'; chunk: ChunkReport; of: number }
  | { type: 'done'; result: ChunkedProveResult };

export interface ChunkedProveResult extends ProveOutcome {
  /** Every chunk verified, the chain linked, and (with a tolerance) accurate enough. */
  ok: boolean;
  /** Every chunk's proof verified and each chunk's input commitment equals the previous one's output commitment. */
  verified: boolean;
  chained: boolean;
  /** Summed over the chunks. */
  constraints: number;
  jobs: number;
  chunks: ChunkReport[];
  /** The largest resident set size seen while the chunks were proved, bytes. */
  peakRssBytes: number;
  proofs: ChunkProof[];
}

/**
 * `zkcoder prove --chunk`: the model split into chunks of layers, each proved as its own circuit
 * in a worker thread, linked by Poseidon commitments of the activations between them. The stages
 * are those of one circuit; compile, witness, prove and verify run per chunk inside `prove`, and
 * `verify` checks the chain.
 */
export async function* proveChunkedInference(options: ChunkedProveOptions): AsyncGenerator<ChunkedProveEvent, ChunkedProveResult> {
  const { lang, system } = languageAndSystem(options);
  const jobs = options.jobs ?? defaultJobs();
  if (!Number.isInteger(jobs) || jobs < 1) throw new ModelError(`--jobs ${jobs}: expected a positive number of worker threads`);
  const timings: Partial<Record<ProveStage, number>> = {};
  let started = 0;
  type StageEvent = Exclude<ProveEvent, { type: 'done' }>;
  const start = (stage: ProveStage): StageEvent => ((started = performance.now()), { type: 'stage-start', stage });
  const end = (stage: ProveStage, detail: string): StageEvent => {
    const durationMs = performance.now() - started;
    timings[stage] = durationMs;
    return { type: 'stage-end', stage, durationMs, detail };
  };

  yield start('parse');
  const graph = readModel(options.model);
  yield end('parse', `${graph.nodes.length} nodes`);

  yield start('quantize');
  const scale = options.calibration?.length ? calibrateScale(graph, options.calibration, { bits: options.bits, registry: options.registry }) : options.scale;
  const quantized = quantizeGraph(graph, { scale, bits: options.bits, registry: options.registry });
  const values = interpretQuantized(quantized, quantizeInputs(quantized, options.inputs));
  yield end('quantize', `scale 2^${quantized.scale}, ${quantized.bits}-bit activations, ${quantized.layers.length} layers`);

  yield start('reference');
  const floatInputs = new Map(quantized.inputs.map((input) => [input.name, floatValues(options.inputs[input.name])]));
  const reference = await runReference(options.model, graph, floatInputs, quantized.layers.map((layer) => layer.output.name));
  yield end('reference', 'onnxruntime (CPU)');

  yield start('build');
  const chunks = splitGraph(quantized, options.chunk);
  const field = (name: string) => (values.get(name) ?? []).map((value) => toFieldString(value, BN254_PRIME));
  const built = chunks.map((chunk) => {
    const circuit = composeChunk(chunk, lang);
    const layout = chunkLayout(lang, { first: chunk.first, last: chunk.last, inputs: chunk.graph.inputs, outputs: chunk.graph.outputs });
    const target: TargetCircuit = { lang, files: circuit.files, entry: circuit.entry, name: `chunk${chunk.index}`, ...(lang === 'noir' && circuit.outputNames.length > 1 ? { returnNames: circuit.outputNames } : {}) };
    const inputs = Object.fromEntries(chunk.graph.inputs.map((input, k) => [`in${k}`, field(input.name)]));
    return { chunk, circuit, layout, target, inputs };
  });
  yield end('build', `${chunks.length} chunks of ${options.chunk === 'layer' ? 1 : options.chunk} layer(s), ${Math.min(jobs, chunks.length)} worker thread(s)`);

  yield start('prove');
  const harness = { timeoutMs: DEFAULT_MODEL_TIMEOUT_MS, ...options.harness };
  // Chunk results arrive from the workers in any order; each is reported as it arrives.
  const finished: ChunkJobResult[] = [];
  let wake: () => void = () => undefined;
  const memory = peakRss();
  let settled = false;
  const running = proveChunks(
    built.map(({ chunk, target, inputs }) => ({ index: chunk.index, lang, system, circuit: target, inputs, harness })),
    { jobs, timeoutMs: harness.timeoutMs * 2, onDone: (result) => (finished.push(result), wake()) },
  ).finally(() => ((settled = true), memory.stop(), wake()));
  running.catch(() => undefined); // awaited below; a failure must not go unhandled meanwhile
  for (let reported = 0; reported < chunks.length; ) {
    if (finished.length === 0) {
      if (settled) break;
      await new Promise<void>((resolve) => (wake = resolve));
      continue;
    }
    const result = finished.shift() as ChunkJobResult;
    reported++;
    yield { type: 'chunk-end', chunk: chunkReport(built[result.index].chunk, built[result.index].layout, result), of: chunks.length };
  }
  const results = await running;
  const reports = results.map((result, index) => chunkReport(built[index].chunk, built[index].layout, result));
  yield end('prove', `${chunks.length} chunks, ${results.filter((result) => result.verified).length} verified`);

  yield start('verify');
  const chained = reports.every((report, index) => index === 0 || (report.inCommitment !== undefined && report.inCommitment === reports[index - 1].outCommitment));
  const allVerified = results.every((result) => result.verified);
  yield end('verify', `${allVerified ? 'every chunk verified' : 'a chunk did NOT verify'}; chain ${chained ? 'linked' : 'BROKEN'}`);

  const last = built[built.length - 1];
  const lastSignals = results[results.length - 1].proof.publicSignals;
  const outputs: Record<string, unknown> = {};
  const referenceOut: Record<string, unknown> = {};
  const integerOutputs: Record<string, string[]> = {};
  let maxAbsError = 0;
  let interpreterAgrees = true;
  for (const tensor of last.layout.outputs) {
    const integers = lastSignals.slice(tensor.offset, tensor.offset + (values.get(tensor.name)?.length ?? 0)).map((value) => fromFieldString(value, BN254_PRIME));
    integerOutputs[tensor.name] = integers.map(String);
    interpreterAgrees &&= JSON.stringify(integerOutputs[tensor.name]) === JSON.stringify((values.get(tensor.name) ?? []).map(String));
    const dequantized = integers.map((value) => dequantizeValue(value, tensor.scale));
    const expected = reference.get(tensor.name);
    if (!expected) throw new ModelError(`onnxruntime produced no output ${tensor.name}`);
    dequantized.forEach((value, index) => (maxAbsError = Math.max(maxAbsError, Math.abs(value - expected.data[index]))));
    outputs[tensor.name] = nestValues(dequantized, tensor.shape);
    referenceOut[tensor.name] = nestValues(Array.from(expected.data), tensor.shape);
  }
  const accurate = options.tolerance === undefined || maxAbsError <= options.tolerance;
  const verified = allVerified && chained;
  const gates = results.every((result) => result.gates !== undefined) ? results.reduce((sum, result) => sum + (result.gates ?? 0), 0) : undefined;
  const result: ChunkedProveResult = {
    ok: verified && interpreterAgrees && accurate,
    verified,
    chained,
    lang,
    system,
    scale: quantized.scale,
    bits: quantized.bits,
    outputs,
    reference: referenceOut,
    maxAbsError,
    ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
    constraints: results.reduce((sum, chunk) => sum + chunk.constraints, 0),
    ...(gates !== undefined ? { gates } : {}),
    timings,
    jobs: Math.min(jobs, chunks.length),
    chunks: reports,
    layers: layerReports(quantized, values, reference),
    interpreterAgrees,
    peakRssBytes: memory.peak(),
    quantized,
    circuitInputs: built[0].inputs,
    integerOutputs,
    proofs: built.map(({ chunk, circuit, layout }, index) => ({ chunk, circuit, layout, proof: results[index].proof, ...(results[index].program ? { program: results[index].program } : {}) })),
    warnings: [...new Set(results.flatMap((chunk) => chunk.proof.warnings ?? []))],
  };
  yield { type: 'done', result };
  return result;
}

/** Run `proveChunkedInference` to its end, for callers that do not show progress. */
export async function proveChunkedModel(options: ChunkedProveOptions): Promise<ChunkedProveResult> {
  const run = proveChunkedInference(options);
  for (;;) {
    const step = await run.next();
    if (step.done) return step.value;
  }
}

function chunkReport(chunk: GraphChunk, layout: ChunkLayout, result: ChunkJobResult): ChunkReport {
  const signals = result.proof.publicSignals;
  return {
    index: chunk.index,
    layers: chunk.graph.layers.map((layer) => layer.node),
    ops: chunk.graph.layers.map((layer) => layer.op),
    inputs: chunk.graph.inputs.map((input) => input.name),
    outputs: chunk.graph.outputs.map((output) => output.name),
    constraints: result.constraints,
    ...(result.gates !== undefined ? { gates: result.gates } : {}),
    timings: result.timings,
    verified: result.verified,
    ...(layout.inCommitment !== undefined ? { inCommitment: signals[layout.inCommitment] } : {}),
    ...(layout.outCommitment !== undefined ? { outCommitment: signals[layout.outCommitment] } : {}),
  };
}

/** Samples the process's resident set size (workers included) until stopped. */
function peakRss(): { stop: () => void; peak: () => number } {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  timer.unref();
  return { stop: () => clearInterval(timer), peak: () => Math.max(peak, process.memoryUsage.rss()) };
}
