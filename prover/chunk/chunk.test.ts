import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Lang, type Proof } from '../../compiler-harness/index.js';
import type { NoirCompiledCircuit } from '../../compiler-harness/noir/backend.js';
import { SharedBarretenberg } from '../../compiler-harness/noir/barretenberg.js';
import { writeProof } from '../../compiler-harness/write-proof.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { OutputFolder } from '../../compiler-harness/files/output-folder.js';
import { commitValues } from '../commit/commitment.js';
import { composeCircom } from '../compose/circom.js';
import { composeNoir } from '../compose/noir.js';
import { ModelError } from '../onnx/graph.js';
import { readModel } from '../onnx/read.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { toFieldString } from '../quantize/fixed-point.js';
import { attentionModel, cnnModel, mlpModel, sampleInput } from '../testing/models.js';
import { verifyProofDir as verifyDir, type VerifyDirOptions } from '../verify.js';
import { composeChunk } from './compose.js';
import { writeChunkedOutput } from './output.js';
import { proveChunkedModel, type ChunkedProveResult } from './prove-chunked.js';
import { splitGraph } from './split.js';
import type { VerifyChainResult } from './verify-chain.js';

const quantized = (model: Uint8Array) => quantizeGraph(readModel(model), {});

describe('splitting a quantized graph into chunks', () => {
  it('makes one chunk per layer, reshape layers riding with the layer before them', () => {
    const chunks = splitGraph(quantized(cnnModel()), 'layer');
    expect(chunks.map((chunk) => chunk.graph.layers.map((layer) => layer.node))).toEqual([['conv'], ['relu'], ['pool', 'flatten'], ['dense']]);
    expect(chunks.map((chunk) => [chunk.first, chunk.last])).toEqual([[true, false], [false, false], [false, false], [false, true]]);
    expect(chunks[2].graph.outputs.map((tensor) => tensor.name)).toEqual(['f']);
  });

  it('groups N layers, and passes an activation a later chunk reads through the chunks between', () => {
    const graph = quantized(attentionModel());
    const chunks = splitGraph(graph, 3);
    expect(chunks.map((chunk) => chunk.graph.layers.map((layer) => layer.node))).toEqual([
      ['query', 'key', 'value'],
      ['key_t', 'scores', 'scale'],
      ['softmax', 'attend', 'residual'],
      ['norm', 'gelu', 'sigmoid'],
      ['tanh', 'join'],
    ]);
    // the residual Add (chunk 2) reads the model input x: it flows through chunks 0 and 1
    expect(chunks.map((chunk) => chunk.graph.outputs.map((tensor) => tensor.name))).toEqual([['x', 'q', 'k', 'v'], ['x', 'v', 'ss'], ['h'], ['n', 'g', 'sg'], ['y']]);
    for (let index = 1; index < chunks.length; index++) expect(chunks[index].graph.inputs).toEqual(chunks[index - 1].graph.outputs);
    expect(chunks[4].graph.outputs).toEqual(graph.outputs);
    // every chunk's layers run on its inputs alone: the interpreter over the chain gives the model's outputs
    const values = interpretQuantized(graph, quantizeInputs(graph, { x: Array.from({ length: 4 }, (_, row) => sampleInput(8, row + 1)[0]) }));
    let boundary = new Map(graph.inputs.map((input) => [input.name, values.get(input.name) ?? []]));
    for (const chunk of chunks) {
      const inner = interpretQuantized(chunk.graph, new Map(chunk.graph.inputs.map((input) => [input.name, boundary.get(input.name) ?? []])));
      boundary = new Map(chunk.graph.outputs.map((output) => [output.name, inner.get(output.name) ?? []]));
    }
    expect(boundary.get('y')).toEqual(values.get('y'));
  });

  it('refuses a chunk size that is not a positive integer', () => {
    expect(() => splitGraph(quantized(mlpModel()), 0)).toThrow(ModelError);
    expect(() => splitGraph(quantized(mlpModel()), 1.5)).toThrow(/--chunk 1.5/);
  });
});

describe.each(['circom', 'noir'] as const)('an MLP proved in chunks of 2 layers in %s', (lang: Lang) => {
  const model = mlpModel({ sizes: [4, 6, 3], softmax: true });
  const inputs = { x: sampleInput(4, 11) };
  // Circom proves the two chunks in two worker threads at once; Noir in one worker that proves chunk
  // 0 and then chunk 1 on the backend it kept (each Noir worker loads noir_wasm and bb.js: ~8 s of CPU).
  const jobs = lang === 'circom' ? 2 : 1;
  let result: ChunkedProveResult;
  let foreignProof: Proof & { program?: unknown };
  let dir: string;
  let backend: Backend;
  // Every check of the folders below verifies with one bb.js instance (Circom: the curve the backend
  // proved with), as `zkcoder verify` of a chain does for its chunks, instead of one started per proof.
  const verifier: VerifyDirOptions = lang === 'noir' ? { barretenberg: new SharedBarretenberg({}) } : {};
  const verifyProofDir = (folder: string) => verifyDir(folder, verifier);

  beforeAll(async () => {
    result = await proveChunkedModel({ model, inputs, lang, chunk: 2, jobs });
    // A valid proof of chunk 1 for another input's activations, to splice into the chain.
    const graph = result.quantized;
    const values = interpretQuantized(graph, quantizeInputs(graph, { x: sampleInput(4, 12) }));
    const chunk = splitGraph(graph, 2)[1];
    const circuit = composeChunk(chunk, lang);
    // Proved here, on the backend the single circuit is compiled on below (a worker of its own would
    // load the toolchain once more): the chunk workers are exercised by proveChunkedModel above.
    backend = await createBackend(lang, { timeoutMs: 600_000 });
    const compiled = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, returnNames: circuit.outputNames });
    if (!compiled.ok || !compiled.compiled) throw new Error(compiled.diagnostics.map((d) => d.message).join('; '));
    const executed = await backend.execute(compiled.compiled, { in0: (values.get('a0') ?? []).map((value) => toFieldString(value, BN254_PRIME)) });
    if (!executed.ok) throw new Error(executed.failure.message);
    const proof = await backend.prove(compiled.compiled, executed.witness, { system: lang === 'circom' ? 'groth16' : 'ultrahonk' });
    foreignProof = { ...proof, ...(lang === 'noir' ? { program: (compiled.compiled as NoirCompiledCircuit).program } : {}) };
    dir = await mkdtemp(join(tmpdir(), `zkcoder-chunk-${lang}-`));
    await writeChunkedOutput(new OutputFolder(dir), result, inputs);
  }, 900_000);
  afterAll(async () => {
    await verifier.barretenberg?.destroy();
    await backend?.dispose();
  });

  it('verifies every chunk, links the chain, and gives the outputs of the single circuit', async () => {
    expect(result.chunks.map((chunk) => chunk.layers)).toEqual([['dense0', 'relu0'], ['dense1', 'softmax']]);
    expect(result.jobs).toBe(jobs);
    expect(result.chunks.every((chunk) => chunk.verified)).toBe(true);
    expect(result.chained && result.verified && result.interpreterAgrees && result.ok).toBe(true);
    // the link is the Poseidon commitment of the actual activations a0
    const graph = result.quantized;
    const values = interpretQuantized(graph, quantizeInputs(graph, inputs));
    expect(result.chunks[0].outCommitment).toBe(commitValues(lang, values.get('a0') ?? []).toString());
    expect(result.chunks[1].inCommitment).toBe(result.chunks[0].outCommitment);
    // the single circuit, executed on the same input, gives the same integers
    const single = lang === 'circom' ? composeCircom(graph) : composeNoir(graph);
    const compiled = await backend.compile({ lang, files: single.files, entry: single.entry, name: 'single' });
    const executed = await backend.execute(compiled.compiled!, { in0: (values.get('x') ?? []).map((value) => toFieldString(value, BN254_PRIME)) });
    if (!executed.ok) throw new Error(executed.failure.message);
    const flat = ((lang === 'circom' ? executed.outputs.out0 : executed.outputs.return) as string[]).map((value) => toFieldString(BigInt(value), BN254_PRIME));
    expect(result.integerOutputs.y.map((value) => toFieldString(BigInt(value), BN254_PRIME))).toEqual(flat);
    expect(foreignProof.publicSignals[0]).not.toBe(result.chunks[0].outCommitment);
  }, 600_000);

  it('writes a folder `verify` accepts, and names the chunk when a link, an output or the claim is tampered with', async () => {
    const good = (await verifyProofDir(dir)) as VerifyChainResult;
    expect(good.verified).toBe(true);
    expect(good.chunks.map((chunk) => chunk.verified)).toEqual([true, true]);
    expect(good.outputs.y).toEqual((result.outputs.y as number[][])[0]);

    const edit = async (path: string, change: (json: any) => void) => {
      const full = join(dir, path);
      const original = await readFile(full, 'utf8');
      const json = JSON.parse(original);
      change(json);
      await writeFile(full, JSON.stringify(json));
      return () => writeFile(full, original);
    };
    const bump = (value: string) => ((BigInt(value) + 1n) % BN254_PRIME).toString();
    // chunk 1's input commitment (its first public value) edited
    let restore = await edit('chunk-1/proof/public.json', (signals: string[]) => (signals[0] = bump(signals[0])));
    let verdict = await verifyProofDir(dir);
    expect(verdict.verified).toBe(false);
    expect(verdict.reason).toMatch(/^chunk 1: /);
    await restore();
    // a model output edited in the last chunk
    restore = await edit('chunk-1/proof/public.json', (signals: string[]) => (signals[1] = bump(signals[1])));
    verdict = await verifyProofDir(dir);
    expect(verdict.verified).toBe(false);
    expect(verdict.reason).toMatch(/^chunk 1: the proof does not verify/);
    await restore();
    // the claimed output in chain.json edited (every proof still verifies)
    restore = await edit('chain.json', (manifest) => (manifest.outputs[0].values[0] = bump(manifest.outputs[0].values[0])));
    verdict = await verifyProofDir(dir);
    expect(verdict.reason).toBe('chunk 1: its public outputs are not the model outputs chain.json claims');
    await restore();
    // a valid proof of chunk 1 for another input: it verifies, but does not continue chunk 0
    const spliced = await mkdtemp(join(tmpdir(), `zkcoder-chunk-${lang}-spliced-`));
    await cp(dir, spliced, { recursive: true });
    await writeProof(new OutputFolder(spliced), 'chunk-1/proof', foreignProof);
    if (foreignProof.program) await writeFile(join(spliced, 'chunk-1/proof/program.json'), JSON.stringify(foreignProof.program));
    const broken = (await verifyProofDir(spliced)) as VerifyChainResult;
    expect(broken.chunks.map((chunk) => chunk.verified)).toEqual([true, true]);
    expect(broken.verified).toBe(false);
    expect(broken.reason).toBe("chunk 1: its input commitment differs from chunk 0's output commitment (the chain is broken)");
  }, 600_000);

  it('refuses a manifest that points a chunk outside its folder', async () => {
    const moved = await mkdtemp(join(tmpdir(), `zkcoder-chunk-${lang}-moved-`));
    await cp(dir, moved, { recursive: true });
    const manifestPath = join(moved, 'chain.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    manifest.chunks[1].dir = '../elsewhere';
    await writeFile(manifestPath, JSON.stringify(manifest));
    await expect(verifyProofDir(moved)).rejects.toThrow('chain.json: chunk 1 must be in folder chunk-1');
  });
});
