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
      out.set(name, { shape: tensor.dims.map(Number), data: Float64Array.from(tensor.data as ArrayLike<number>, Number) });
    }
    return out;
  } catch (error) {
    throw new ModelError(`onnxruntime could not run the model: ${(error as Error).message}`);
  } finally {
    await session.release();
  }
}

/** Which input holds the zero point (and so the int8 / uint8 type) of each quantizing op's output. */
const QUANTIZED_OUTPUT_ZERO_POINT: Record<string, number> = { QuantizeLinear: 2, QLinearMatMul: 7, QLinearConv: 7 };

/** The model with more graph outputs (float tensors of unknown shape; onnxruntime infers them). */
function withOutputs(model: Uint8Array, names: string[]): Uint8Array {
  const decoded = onnx.ModelProto.decode(model);
  const graph = decoded.graph;
  if (!graph) return model;
  const existing = new Set((graph.output ?? []).map((value) => value.name));
  // Only tensors the model computes (a node may become several layers); int8 / uint8 ones keep their type.
  const integerTypes = new Map<string, number>();
  for (const node of graph.node ?? []) {
    const zeroPoint = QUANTIZED_OUTPUT_ZERO_POINT[node.opType ?? ''];
    if (zeroPoint === undefined) continue;
    const type = (graph.initializer ?? []).find((tensor) => tensor.name === node.input?.[zeroPoint])?.dataType ?? 2;
    for (const output of node.output ?? []) integerTypes.set(output, type);
  }
  const computed = new Set((graph.node ?? []).flatMap((node) => node.output ?? []));
  for (const name of names) {
    if (!existing.has(name) && computed.has(name)) (graph.output ??= []).push(onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: integerTypes.get(name) ?? 1 } } }));
  }
  return onnx.ModelProto.encode(decoded).finish();
}
