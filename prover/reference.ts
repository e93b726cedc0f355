import onnxProto from 'onnx-proto';
import { ModelError, type FloatGraph } from './onnx/graph.js';

const { onnx } = onnxProto;

export interface ReferenceTensor {
  shape: number[];
  data: Float64Array;
}

/**
 * Run the float model in onnxruntime (CPU): the reference the quantized proof is compared with.
 * `intermediates` names activations to read too (they are added as graph outputs), for per-layer errors.
 */
export async function runReference(
  model: Uint8Array,
  graph: FloatGraph,
  inputs: Map<string, number[]>,
  intermediates: string[] = [],
): Promise<Map<string, ReferenceTensor>> {
  let ort: typeof import('onnxruntime-node');
  try {
    ort = await import('onnxruntime-node');
  } catch (error) {
    throw new ModelError(`onnxruntime-node is not available, so there is no float reference: ${(error as Error).message}`);
  }
  const bytes = intermediates.length ? withOutputs(model, intermediates) : model;
  const session = await ort.InferenceSession.create(bytes);
  try {
    const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
    for (const input of graph.inputs) {
      const values = inputs.get(input.name) ?? [];
      feeds[input.name] = new ort.Tensor('float32', Float32Array.from(values), input.shape);
    }
    const results = await session.run(feeds);
    const out = new Map<string, ReferenceTensor>();
    for (const [name, tensor] of Object.entries(results)) {
      out.set(name, { shape: tensor.dims.map(Number), data: Float64Array.from(tensor.data as Float32Array) });
    }
    return out;
  } catch (error) {
    throw new ModelError(`onnxruntime could not run the model: ${(error as Error).message}`);
  } finally {
    await session.release();
  }
}

/** The model with more graph outputs (float tensors of unknown shape; onnxruntime infers them). */
function withOutputs(model: Uint8Array, names: string[]): Uint8Array {
  const decoded = onnx.ModelProto.decode(model);
  const graph = decoded.graph;
  if (!graph) return model;
  const existing = new Set((graph.output ?? []).map((value) => value.name));
  for (const name of names) {
    if (!existing.has(name)) (graph.output ??= []).push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: 1 } } }));
  }
  return onnx.ModelProto.encode(decoded).finish();
}
