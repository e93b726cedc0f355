import type { Lang, TargetCircuit } from '../compiler-harness/types.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { composeCircom } from '../prover/compose/circom.js';
import { composeNoir } from '../prover/compose/noir.js';
import { readModel } from '../prover/onnx/read.js';
import { interpretQuantized, OverflowError } from '../prover/quantize/interpret.js';
import { quantizeGraph } from '../prover/quantize/quantize.js';
import type { QuantizedGraph } from '../prover/quantize/types.js';
import type { OperatorRegistry } from '../prover/registry/registry.js';
import { oneNodeModel, type OperatorRequest } from './model.js';
import { onnxRuntimeVersion, runOnnxRuntime, type RuntimeLoader } from './reference.js';
import { sampleInputs, toFloats } from './samples.js';
import type { OperatorSpec } from './spec.js';

export interface RegistryBuild {
  spec: OperatorSpec;
  circuits: Partial<Record<Lang, TargetCircuit>>;
  quantized: QuantizedGraph;
  model: Uint8Array;
}

/**
 * The op through the prover's registry: the one-node model is quantized and composed exactly as
 * `zkcoder prove` would, the integer interpreter (the circuits' oracle) gives the outputs, and
 * onnxruntime the float reference they are measured against. A ModelError (attributes or shapes
 * the registered circuit does not take) goes to the caller.
 */
export async function buildFromRegistry(options: { request: OperatorRequest; scale: number; bits: number; registry: OperatorRegistry; languages: Lang[]; load?: RuntimeLoader }): Promise<RegistryBuild> {
  const { request, scale, bits } = options;
  const model = oneNodeModel(request);
  const zeros = model.inputs.map((input) => new Array<number>(input.shape.reduce((a, b) => a * b, 1)).fill(0));
  const probe = await runOnnxRuntime({ model: model.bytes(), inputs: model.inputs, samples: [zeros], load: options.load });
  const outputShape = probe.outputs[0].shape;
  const bytes = model.bytes(outputShape);
  const graph = readModel(bytes);
  const definition = options.registry.lookup(graph.nodes[0]);
  const quantized = quantizeGraph(graph, { scale, bits, registry: options.registry });
  const output = quantized.outputs[0];
  const samples = sampleInputs(model.inputs.map((input) => input.shape), scale, bits);
  const accepted: { label: string; inputs: bigint[][]; outputs: bigint[] }[] = [];
  const overflowing: { label: string; inputs: bigint[][]; reason: string }[] = [];
  for (const sample of samples) {
    const integers = new Map(quantized.inputs.map((input, k) => [input.name, sample.integers[k]]));
    try {
      const values = interpretQuantized(quantized, integers);
      accepted.push({ label: sample.label, inputs: sample.integers, outputs: values.get(output.name) ?? [] });
    } catch (error) {
      if (!(error instanceof OverflowError)) throw error;
      overflowing.push({ label: sample.label, inputs: sample.integers, reason: `${sample.label}: ${error.message}` });
    }
  }
  const reference = await runOnnxRuntime({ model: bytes, inputs: model.inputs, samples: accepted.map((sample) => sample.inputs.map((tensor) => toFloats(tensor, scale))), load: options.load });
  let measured = 0;
  accepted.forEach((sample, k) => sample.outputs.forEach((value, i) => (measured = Math.max(measured, Math.abs(Number(value) / 2 ** output.scale - reference.outputs[k].data[i])))));

  const names = quantized.inputs.map((_, k) => `in${k}`);
  const inputsOf = (tensors: bigint[][]) => Object.fromEntries(names.map((name, k) => [name, tensors[k].map(String)]));
  const outside = 1n << BigInt(bits - 1);
  const vectors: TestVectors = {
    accept: accepted.map((sample) => ({ name: sample.label, inputs: inputsOf(sample.inputs), outputs: { out0: sample.outputs.map(String) } })),
    reject: [
      ...(accepted[0] ? [{ name: 'input outside SInt', inputs: inputsOf(accepted[0].inputs.map((tensor, k) => (k === 0 ? [outside, ...tensor.slice(1)] : tensor))), reason: `in0[0] = 2^${bits - 1} is outside SInt(${bits})` }] : []),
      ...overflowing.map((sample) => ({ name: sample.label, inputs: inputsOf(sample.inputs), reason: sample.reason })),
    ],
    forge: accepted.slice(0, 2).flatMap((sample, k) =>
      [1n, -1n].map((delta) => ({
        name: `${sample.label}: out0[0] ${delta > 0 ? '+' : '-'} 1`,
        inputs: inputsOf(sample.inputs),
        outputs: { out0: sample.outputs.map((value, i) => String(i === 0 ? value + delta : value)) },
        reason: `the output must equal the integer semantics (sample ${k})`,
      })),
    ),
  };
  const layer = quantized.layers[0];
  const circuits: Partial<Record<Lang, TargetCircuit>> = {};
  for (const lang of options.languages) {
    const composed = lang === 'circom' ? composeCircom(quantized) : composeNoir(quantized);
    circuits[lang] = { lang, files: composed.files, entry: composed.entry, name: `${request.op.toLowerCase()}_op` } as TargetCircuit;
  }
  const spec: OperatorSpec = {
    op: request.op,
    attributes: request.attributes,
    shapes: request.shapes,
    outputShape: output.shape,
    scale,
    bits,
    mode: 'registry',
    semantics: `${layer.op} (${definition.summary}): layer kind "${layer.params.kind}" of the prover (knowledge-base entries ${layer.kb.join(', ') || 'none'}); inputs in SInt(${bits}) at scale 2^${scale} (range-checked), output at scale 2^${output.scale}, range-checked to SInt(${bits}): a result outside it is refused, never wrapped. Rounding is what the prover's integer interpreter does (floor for rescales), the oracle the vectors come from.`,
    tolerance: { measured, note: `max |output / 2^${output.scale} − onnxruntime| over the ${accepted.length} accepted samples` },
    reference: { runtime: `onnxruntime-node ${onnxRuntimeVersion() ?? '(version unknown)'} (CPU, float32)`, samples: samples.map((sample) => sample.label) },
    vectors: Object.fromEntries(options.languages.map((lang) => [lang, vectors])),
  };
  return { spec, circuits, quantized, model: bytes };
}
