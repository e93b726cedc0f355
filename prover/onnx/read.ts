import onnxProto from 'onnx-proto';
import type { onnx as Onnx } from 'onnx-proto';
import { ModelError, type AttributeValue, type FloatGraph, type GraphNode, type GraphValue, type Shape, type TensorValue } from './graph.js';

const { onnx } = onnxProto;
type Long = { toNumber(): number };

const FLOAT = 1;
const DOUBLE = 11;
const INT64 = 7;
const INT32 = 6;
const BOOL = 9;
const INT8 = 3;
const UINT8 = 2;

/** Parse an ONNX model (protobuf bytes) into a float graph. Refuses dynamic shapes and non-float inputs. */
export function readModel(bytes: Uint8Array): FloatGraph {
  let model: Onnx.ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelError(`not an ONNX model: ${(error as Error).message}`);
  }
  const graph = model.graph;
  if (!graph) throw new ModelError('the ONNX model has no graph');
  const opset = (model.opsetImport ?? []).find((entry) => !entry.domain || entry.domain === 'ai.onnx')?.version;
  const constants = new Map<string, TensorValue>();
  for (const tensor of graph.initializer ?? []) constants.set(tensor.name ?? '', readTensor(tensor, `initializer ${tensor.name}`));
  const nodes: GraphNode[] = [];
  (graph.node ?? []).forEach((proto, index) => {
    const node: GraphNode = {
      name: proto.name || `${proto.opType}_${index}`,
      op: proto.opType ?? '',
      inputs: [...(proto.input ?? [])],
      outputs: [...(proto.output ?? [])],
      attributes: Object.fromEntries((proto.attribute ?? []).map((attribute) => [attribute.name, readAttribute(attribute, proto.name ?? undefined)])),
    };
    if (proto.domain && proto.domain !== 'ai.onnx') {
      throw new ModelError(`node ${node.name}: operator ${proto.domain}.${node.op} is outside the standard ONNX domain`, node.name, node.op);
    }
    if (node.op === 'Constant') {
      const value = node.attributes.value;
      if (typeof value !== 'object' || Array.isArray(value)) throw new ModelError(`node ${node.name} (Constant): only the tensor form "value" is supported`, node.name, node.op);
      constants.set(node.outputs[0], value);
      return;
    }
    nodes.push(node);
  });
  const inputs = (graph.input ?? []).filter((value) => !constants.has(value.name ?? '')).map((value) => readValueInfo(value, 'input'));
  const outputs = (graph.output ?? []).map((value) => readValueInfo(value, 'output'));
  return { inputs, outputs, constants, nodes, opset: opset === undefined || opset === null ? 17 : toNumber(opset) };
}

function readValueInfo(value: Onnx.IValueInfoProto, role: string): GraphValue {
  const name = value.name ?? '';
  const tensorType = value.type?.tensorType;
  if (!tensorType) throw new ModelError(`graph ${role} ${name} is not a tensor`);
  if (role === 'input' && tensorType.elemType !== FLOAT && tensorType.elemType !== DOUBLE) {
    throw new ModelError(`graph input ${name} has element type ${tensorType.elemType}; the prover takes float inputs`);
  }
  const shape: Shape = (tensorType.shape?.dim ?? []).map((dim, axis) => {
    if (dim.dimValue === undefined || dim.dimValue === null || toNumber(dim.dimValue) <= 0) {
      if (role === 'output') return -1; // inferred from the nodes
      throw new ModelError(`graph input ${name} has a dynamic dimension at axis ${axis} (${dim.dimParam || '?'}); export the model with a fixed shape`);
    }
    return toNumber(dim.dimValue);
  });
  return { name, shape };
}

function readAttribute(attribute: Onnx.IAttributeProto, node: string | undefined): AttributeValue {
  const Type = onnx.AttributeProto.AttributeType;
  switch (attribute.type) {
    case Type.FLOAT:
      return attribute.f ?? 0;
    case Type.INT:
      return toNumber(attribute.i ?? 0);
    case Type.STRING:
      return new TextDecoder().decode(attribute.s ?? new Uint8Array());
    case Type.INTS:
      return (attribute.ints ?? []).map(toNumber);
    case Type.FLOATS:
      return [...(attribute.floats ?? [])];
    case Type.TENSOR:
      return readTensor(attribute.t ?? {}, `attribute ${attribute.name} of node ${node ?? '?'}`);
    default:
      throw new ModelError(`attribute ${attribute.name} of node ${node ?? '?'} has an unsupported type ${attribute.type}`);
  }
}

/** A constant tensor as float64, from any of the storage forms ONNX allows. */
export function readTensor(tensor: Onnx.ITensorProto, where: string): TensorValue {
  const shape = (tensor.dims ?? []).map(toNumber);
  const count = shape.reduce((a, b) => a * b, 1);
  const raw = tensor.rawData && tensor.rawData.length > 0 ? tensor.rawData : undefined;
  const view = raw ? new DataView(raw.buffer, raw.byteOffset, raw.byteLength) : undefined;
  const data = new Float64Array(count);
  switch (tensor.dataType) {
    case FLOAT:
      for (let i = 0; i < count; i++) data[i] = view ? view.getFloat32(i * 4, true) : (tensor.floatData ?? [])[i];
      break;
    case DOUBLE:
      for (let i = 0; i < count; i++) data[i] = view ? view.getFloat64(i * 8, true) : (tensor.doubleData ?? [])[i];
      break;
    case INT64:
      for (let i = 0; i < count; i++) data[i] = view ? Number(view.getBigInt64(i * 8, true)) : toNumber((tensor.int64Data ?? [])[i]);
      break;
    case INT32:
      for (let i = 0; i < count; i++) data[i] = view ? view.getInt32(i * 4, true) : (tensor.int32Data ?? [])[i];
      break;
    case INT8: // quantized weights: one byte each in raw data, else int32_data
      for (let i = 0; i < count; i++) data[i] = view ? view.getInt8(i) : (tensor.int32Data ?? [])[i];
      break;
    case UINT8:
      for (let i = 0; i < count; i++) data[i] = view ? view.getUint8(i) : (tensor.int32Data ?? [])[i];
      break;
    case BOOL: // Dropout's training_mode: one byte each in raw data, else int32_data
      for (let i = 0; i < count; i++) data[i] = view ? view.getUint8(i) : (tensor.int32Data ?? [])[i];
      break;
    default:
      throw new ModelError(`${where} has element type ${tensor.dataType}; the prover reads float, double, int8, uint8, int32, int64 and bool constants`);
  }
  if (data.some((value) => value === undefined || Number.isNaN(value))) throw new ModelError(`${where}: fewer values than its shape ${shape.join('x')} needs, or NaN`);
  return { shape, data, dataType: tensor.dataType ?? undefined };
}

function toNumber(value: number | Long): number {
  return typeof value === 'number' ? value : value.toNumber();
}
