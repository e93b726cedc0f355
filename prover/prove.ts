import { createBackend, type Backend, type CompiledCircuit, type HarnessOptions, type Lang, type Proof, type ProofSystem, type Value } from '../compiler-harness/index.js';
import { BN254_PRIME } from '../compiler-harness/field.js';
import { composeCircom } from './compose/circom.js';
import { composeNoir } from './compose/noir.js';
import type { ComposedCircuit } from './compose/types.js';
import { ModelError, sizeOf, type FloatGraph } from './onnx/graph.js';
import { readModel } from './onnx/read.js';
import { runReference } from './reference.js';
import { calibrateScale } from './quantize/calibrate.js';
import { dequantizeValue, fromFieldString, toFieldString } from './quantize/fixed-point.js';
import { interpretQuantized } from './quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from './quantize/quantize.js';
import type { IntegerTensors, QuantizedGraph } from './quantize/types.js';
import type { OperatorRegistry } from './registry/registry.js';
import { layerReports, type LayerReport } from './layer-report.js';
import { circomLayerConstraints } from './layer-constraints.js';
import { noirLayerOpcodes } from './noir-layer-opcodes.js';
import type { CircomCompiled } from '../compiler-harness/circom/backend.js';
import type { NoirCompiledCircuit } from '../compiler-harness/noir/backend.js';
import { proofClaim } from './output.js';
import { readTensors } from './verify.js';
import { privateWeights } from './compose/private-weights.js';
import { commitValues } from './commit/commitment.js';
import { commitmentHex, toField } from './commit/field.js';

/** Time limit per compile / execute of a composed model, ms. */
export const DEFAULT_MODEL_TIMEOUT_MS = 1_800_000;

export const PROVE_STAGES = ['parse', 'quantize', 'reference', 'build', 'compile', 'witness', 'prove', 'verify'] as const;
export type ProveStage = (typeof PROVE_STAGES)[number];

export interface ProveOptions {
  /** The ONNX model's bytes. */
  model: Uint8Array;
  /** Graph input name → nested float arrays. */
  inputs: Record<string, unknown>;
  lang?: Lang;
  system?: ProofSystem;
  /** Fractional bits (default 8, or chosen by `calibration`). */
  scale?: number;
  bits?: number;
  /** Sample inputs: the scale becomes the largest under which none of them overflows. */
  calibration?: Record<string, unknown>[];
  /** Fail (ok: false) when maxAbsError exceeds it. */
  tolerance?: number;
  registry?: OperatorRegistry;
  harness?: HarnessOptions;
  /** Linear and conv weights as private inputs, bound to a public Poseidon commitment (`weightsCommitment`). */
  commitWeights?: boolean;
  /** Reuse a backend (tests, benchmarks); otherwise one is created and disposed. */
  backend?: Backend;
}

export type ProveEvent =
  | { type: 'stage-start'; stage: ProveStage }
  | { type: 'stage-end'; stage: ProveStage; durationMs: number; detail: string }
  | { type: 'done'; result: ProveResult };

/** What a proving run reports, whether the model is one circuit or a chain of chunks. */
export interface ProveOutcome {
  /** Proved, verified and (with a tolerance) accurate enough. */
  ok: boolean;
  verified: boolean;
  lang: Lang;
  system: ProofSystem;
  scale: number;
  bits: number;
  /** Dequantized circuit outputs per graph output, nested as the tensor. */
  outputs: Record<string, unknown>;
  /** onnxruntime's float outputs. */
  reference: Record<string, unknown>;
  maxAbsError: number;
  tolerance?: number;
  /** Circom: R1CS constraints; Noir: ACIR opcodes. */
  constraints: number;
  /** Noir: UltraHonk gates. */
  gates?: number;
  timings: Partial<Record<ProveStage, number>>;
  layers: LayerReport[];
  /** The interpreter's outputs equal the circuit's, integer for integer. */
  interpreterAgrees: boolean;
  quantized: QuantizedGraph;
  /** Quantized inputs as field elements, as the circuit took them. */
  circuitInputs: Record<string, string[]>;
  /** Circuit outputs as signed integers, per graph output. */
  integerOutputs: Record<string, string[]>;
  warnings: string[];
}

export interface ProveResult extends ProveOutcome {
  /** Circom: the constraints of the graph inputs' range checks (the layers hold the rest). */
  inputConstraints?: number;
  /** With `commitWeights`: the public Poseidon commitment of the private weights (0x-hex), equal to the TypeScript one. */
  weightsCommitment?: string;
  /** With `commitWeights`: how many values (weights and biases) it commits, and of which layers. */
  committedWeights?: { count: number; layers: string[]; /** Circom: the Poseidon chain's R1CS constraints. */ constraints?: number };
  circuit: ComposedCircuit;
  proof: Proof;
  compiled: CompiledCircuit;
}

/** The language (Circom by default) and its proof system (Groth16 / UltraHonk by default); a mismatch is refused. */
export function languageAndSystem(options: { lang?: Lang; system?: ProofSystem }): { lang: Lang; system: ProofSystem } {
  const lang = options.lang ?? 'circom';
  const system = options.system ?? (lang === 'circom' ? 'groth16' : 'ultrahonk');
  if (lang === 'noir' && system !== 'ultrahonk') throw new ModelError(`Noir proofs use ultrahonk, not ${system}`);
  if (lang === 'circom' && system === 'ultrahonk') throw new ModelError('Circom proofs use groth16 or plonk, not ultrahonk');
  return { lang, system };
}

/** ONNX model + input → a proved, verified inference, as a stream of stage events ending in `done`. */
export async function* proveInference(options: ProveOptions): AsyncGenerator<ProveEvent, ProveResult> {
  const { lang, system } = languageAndSystem(options);
  const timings: Partial<Record<ProveStage, number>> = {};
  let started = 0;
  const start = (stage: ProveStage): ProveEvent => ((started = performance.now()), { type: 'stage-start', stage });
  const end = (stage: ProveStage, detail: string): ProveEvent => {
    const durationMs = performance.now() - started;
    timings[stage] = durationMs;
    return { type: 'stage-end', stage, durationMs, detail };
  };

  yield start('parse');
  const graph = readModel(options.model);
  yield end('parse', `${graph.nodes.length} nodes, inputs ${graph.inputs.map((i) => `${i.name} ${i.shape.join('x')}`).join(', ')}`);

  yield start('quantize');
  const scale = options.calibration?.length ? calibrateScale(graph, options.calibration, { bits: options.bits, registry: options.registry }) : options.scale;
  const quantized = quantizeGraph(graph, { scale, bits: options.bits, registry: options.registry });
  const integerInputs = quantizeInputs(quantized, options.inputs);
  const integerValues = interpretQuantized(quantized, integerInputs);
  yield end('quantize', `scale 2^${quantized.scale}, ${quantized.bits}-bit activations, ${quantized.layers.length} layers`);

  yield start('reference');
  const floatInputs = new Map(quantized.inputs.map((input) => [input.name, floatValues(options.inputs[input.name])]));
  const intermediates = quantized.layers.map((layer) => layer.output.name);
  const reference = await runReference(options.model, graph, floatInputs, intermediates);
  yield end('reference', 'onnxruntime (CPU)');

  yield start('build');
  const circuit = lang === 'circom' ? composeCircom(quantized, { commitWeights: options.commitWeights }) : composeNoir(quantized, { commitWeights: options.commitWeights });
  const weights = options.commitWeights ? privateWeights(quantized) : [];
  if (options.commitWeights && weights.length === 0) throw new ModelError('--commit-weights: the model has no Gemm, MatMul-with-a-constant or Conv layer, so there are no weights to commit');
  const committedValues = weights.flatMap((w) => w.values);
  const weightsCommitment = weights.length ? commitValues(lang, committedValues) : undefined;
  const committed = weights.length ? `; ${committedValues.length} weights of ${weights.map((w) => w.node).join(', ')} private, commitment ${commitmentHex(weightsCommitment!)}` : '';
  yield end('build', `${Object.keys(circuit.files).length} files, knowledge-base entries ${circuit.kb.join(', ')}${committed}`);

  // Whole models compile and execute for longer than the harness's default minute for one gadget.
  const backend = options.backend ?? (await createBackend(lang, { timeoutMs: DEFAULT_MODEL_TIMEOUT_MS, ...options.harness }));
  try {
    yield start('compile');
    const compiled = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: 'model', ...(lang === 'noir' && circuit.outputNames.length > 1 ? { returnNames: circuit.outputNames } : {}) });
    if (!compiled.ok || !compiled.compiled) throw new Error(`the composed ${lang} circuit did not compile (a prover bug): ${compiled.diagnostics.map((d) => d.message).join('; ').slice(0, 2000)}`);
    const program = compiled.compiled;
    // Which layer each R1CS constraint (Circom) or ACIR opcode (Noir, from the debug symbols) belongs to, for REPORT.md.
    const perLayer = lang === 'circom' ? await circomLayerConstraints(program as CircomCompiled) : noirLayerOpcodes((program as NoirCompiledCircuit).program);
    yield end('compile', `${program.constraintCount} ${lang === 'circom' ? 'constraints' : 'ACIR opcodes'}${program.gateCount ? `, ${program.gateCount} gates` : ''}`);

    yield start('witness');
    const circuitInputs = Object.fromEntries(quantized.inputs.map((input, k) => [`in${k}`, (integerInputs.get(input.name) ?? []).map((v) => toFieldString(v, BN254_PRIME))]));
    // The private weights go to the witness only: circuitInputs (written to inputs.json) leaves them out.
    const privateInputs = Object.fromEntries(weights.map((w) => [w.name, w.values.map((v) => toFieldString(v, BN254_PRIME))]));
    const executed = await backend.execute(program, { ...circuitInputs, ...privateInputs });
    if (!executed.ok) throw new Error(`the circuit refused the quantized input (the interpreter accepted it: a prover bug): ${executed.failure.message}`);
    const integerOutputs = circuitOutputs(lang, executed.outputs, quantized, circuit.outputNames.length);
    if (weightsCommitment !== undefined && circuitCommitment(lang, executed.outputs, quantized) !== weightsCommitment) {
      throw new Error('the circuit\'s weights commitment differs from the TypeScript Poseidon (a prover bug)');
    }
    const interpreterAgrees = quantized.outputs.every((output) => {
      const expected = (integerValues.get(output.name) ?? []).map(String);
      return JSON.stringify(expected) === JSON.stringify(integerOutputs[output.name]);
    });
    yield end('witness', interpreterAgrees ? 'outputs equal the integer interpreter' : 'outputs DIFFER from the integer interpreter');

    yield start('prove');
    const proof = await backend.prove(program, executed.witness, { system });
    yield end('prove', `${system}`);

    yield start('verify');
    const verified = await backend.verify(program, proof);
    yield end('verify', verified ? 'verified' : 'NOT verified');

    const outputs: Record<string, unknown> = {};
    const referenceOut: Record<string, unknown> = {};
    let maxAbsError = 0;
    for (const output of quantized.outputs) {
      const values = integerOutputs[output.name].map((v) => dequantizeValue(BigInt(v), output.scale));
      const expected = reference.get(output.name);
      if (!expected) throw new ModelError(`onnxruntime produced no output ${output.name}`);
      values.forEach((value, index) => (maxAbsError = Math.max(maxAbsError, Math.abs(value - expected.data[index]))));
      outputs[output.name] = nestValues(values, output.shape);
      referenceOut[output.name] = nestValues(Array.from(expected.data), output.shape);
    }
    const accurate = options.tolerance === undefined || maxAbsError <= options.tolerance;
    const result: ProveResult = {
      ok: verified && interpreterAgrees && accurate,
      verified,
      lang,
      system,
      scale: quantized.scale,
      bits: quantized.bits,
      outputs,
      reference: referenceOut,
      maxAbsError,
      ...(options.tolerance !== undefined ? { tolerance: options.tolerance } : {}),
      constraints: program.constraintCount,
      ...(program.gateCount !== undefined ? { gates: program.gateCount } : {}),
      timings,
      layers: layerReports(quantized, integerValues, reference, perLayer),
      ...(perLayer ? { inputConstraints: perLayer.get('inputs') ?? 0 } : {}),
      ...(weightsCommitment !== undefined
        ? { weightsCommitment: commitmentHex(weightsCommitment), committedWeights: { count: committedValues.length, layers: weights.map((w) => w.node), ...(perLayer ? { constraints: perLayer.get('commitment') ?? 0 } : {}) } }
        : {}),
      interpreterAgrees,
      circuit,
      quantized,
      circuitInputs,
      integerOutputs,
      proof,
      compiled: program,
      warnings: proof.warnings ?? [],
    };
    assertClaimLayout(result);
    yield { type: 'done', result };
    return result;
  } finally {
    if (!options.backend) await backend.dispose();
  }
}

/** Run `proveInference` to its end, for callers that do not show progress. */
export async function proveModel(options: ProveOptions): Promise<ProveResult> {
  const run = proveInference(options);
  for (;;) {
    const step = await run.next();
    if (step.done) return step.value;
  }
}

/** The outputs `zkcoder verify` will read from the public signals are the ones the circuit computed. */
function assertClaimLayout(result: ProveResult): void {
  const claimed = readTensors(proofClaim(result).outputs, result.proof.publicSignals);
  for (const output of result.quantized.outputs) {
    const computed = result.integerOutputs[output.name].map((v) => dequantizeValue(BigInt(v), output.scale));
    if (JSON.stringify(claimed[output.name]) !== JSON.stringify(computed)) throw new Error(`the proof's public signals do not hold output ${output.name} where the claim says (a prover bug)`);
  }
  const commitment = proofClaim(result).weightsCommitment;
  if (commitment && BigInt(result.proof.publicSignals[commitment.offset]) !== BigInt(commitment.value)) throw new Error('the proof\'s public signals do not hold the weights commitment where the claim says (a prover bug)');
}

/** The circuit's outputs as signed integers per graph output. */
function circuitOutputs(lang: Lang, outputs: Record<string, Value>, graph: QuantizedGraph, returned: number): Record<string, string[]> {
  const perOutput: Value[] = lang === 'circom' ? graph.outputs.map((_, k) => outputs[`out${k}`]) : returned === 1 ? [outputs.return] : (outputs.return as Value[]);
  return Object.fromEntries(
    graph.outputs.map((output, k) => {
      const flat = (perOutput[k] as Value[]).flat(Infinity as 1) as string[];
      if (flat.length !== sizeOf(output.shape)) throw new Error(`circuit output ${k} has ${flat.length} values, expected ${sizeOf(output.shape)}`);
      return [output.name, flat.map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME).toString())];
    }),
  );
}

/** The weights commitment the circuit computed: Circom's `weightsCommitment`, Noir's last returned value. */
function circuitCommitment(lang: Lang, outputs: Record<string, Value>, graph: QuantizedGraph): bigint {
  const value = String(lang === 'circom' ? outputs.weightsCommitment : (outputs.return as Value[])[graph.outputs.length]);
  return toField(BigInt(value));
}

export function floatValues(value: unknown): number[] {
  return Array.isArray(value) ? (value.flat(Infinity) as number[]) : [value as number];
}

export function nestValues(values: number[], shape: number[]): unknown {
  if (shape.length === 0) return values[0];
  const stride = sizeOf(shape.slice(1));
  return Array.from({ length: shape[0] }, (_, index) => nestValues(values.slice(index * stride, (index + 1) * stride), shape.slice(1)));
}

export type { FloatGraph, IntegerTensors };
