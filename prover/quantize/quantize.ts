import { ModelError, formatShape, sizeOf, type FloatGraph } from '../onnx/graph.js';
import { OperatorRegistry } from '../registry/registry.js';
import { fitsSigned, quantizeValue } from './fixed-point.js';
import type { IntegerTensors, QuantizedGraph, QuantizedLayer, QuantizedTensor } from './types.js';

export interface QuantizeOptions {
  /** Fractional bits of weights and inputs (default 8). */
  scale?: number;
  /** Signed width of every activation (default 16). */
  bits?: number;
  registry?: OperatorRegistry;
}

export const DEFAULT_SCALE = 8;
export const DEFAULT_BITS = 16;

/** Quantize a float graph once: weights become integer constants, every layer gets its integer semantics. */
export function quantizeGraph(graph: FloatGraph, options: QuantizeOptions = {}): QuantizedGraph {
  const scale = options.scale ?? DEFAULT_SCALE;
  const bits = options.bits ?? DEFAULT_BITS;
  if (!Number.isInteger(scale) || scale < 0 || scale > 24) throw new ModelError(`scale ${scale}: use an integer number of fractional bits in [0, 24]`);
  if (!Number.isInteger(bits) || bits <= scale || bits > 60) throw new ModelError(`bits ${bits}: use an integer in (scale, 60]`);
  const registry = options.registry ?? new OperatorRegistry();
  const activations = new Map<string, QuantizedTensor>();
  const inputs = graph.inputs.map((input) => ({ name: input.name, shape: input.shape, scale }));
  for (const input of inputs) activations.set(input.name, input);
  const constants = new Map(graph.constants);
  const context = {
    bits,
    scale,
    activation: (name: string) => activations.get(name),
    constant: (name: string) => constants.get(name),
  };
  const layers: QuantizedLayer[] = [];
  for (const node of graph.nodes) {
    const operator = registry.lookup(node);
    const present = node.inputs.filter((name) => name !== '');
    if (operator.fold && node.outputs.length === 1 && present.length > 0 && present.every((name) => constants.has(name))) {
      constants.set(node.outputs[0], operator.fold(node, context));
      continue;
    }
    const planned = operator.quantize(node, context);
    if (node.outputs.filter((name) => name !== '').length !== 1) throw new ModelError(`node ${node.name} (${node.op}): only single-output nodes are supported`, node.name, node.op);
    const steps = [{ ...planned, step: '', kb: planned.kb ?? operator.kb }, ...(planned.then ?? [])];
    let inputs = planned.inputs;
    steps.forEach((step, index) => {
      const last = index === steps.length - 1;
      const name = last ? node.outputs[0] : `${node.outputs[0]}/${steps[index + 1].step}-input`;
      const output: QuantizedTensor = { name, shape: planned.shape, scale: step.scale, ...(step.integer ? { integer: step.integer } : {}) };
      activations.set(name, output);
      layers.push({ node: step.step ? `${node.name}/${step.step}` : node.name, op: node.op, inputs, output, params: step.params, kb: step.kb });
      inputs = [name];
    });
  }
  const outputs = graph.outputs.map((value) => {
    const tensor = activations.get(value.name);
    if (!tensor) throw new ModelError(`graph output ${value.name} is not computed by any node (or is a constant)`);
    if (tensor.integer) throw new ModelError(`graph output ${value.name} is an ${tensor.integer.type} tensor: end the graph with DequantizeLinear (the prover's outputs are dequantized values)`);
    if (value.shape.every((dim) => dim > 0) && formatShape(value.shape) !== formatShape(tensor.shape)) {
      throw new ModelError(`graph output ${value.name} is declared ${formatShape(value.shape)} but computes to ${formatShape(tensor.shape)}`);
    }
    return tensor;
  });
  return { bits, scale, inputs, outputs, layers };
}

/** Inputs as nested float arrays (input.json) → integers at the graph scale, checked against shape and width. */
export function quantizeInputs(graph: QuantizedGraph, values: Record<string, unknown>): IntegerTensors {
  const tensors: IntegerTensors = new Map();
  for (const name of Object.keys(values)) {
    if (!graph.inputs.some((input) => input.name === name)) throw new ModelError(`input.json names ${name}, which is not a graph input (inputs: ${graph.inputs.map((i) => i.name).join(', ')})`);
  }
  for (const input of graph.inputs) {
    if (!(input.name in values)) throw new ModelError(`input.json has no value for graph input ${input.name} (shape ${formatShape(input.shape)})`);
    const flat = flattenChecked(values[input.name], input.shape, input.name);
    tensors.set(
      input.name,
      flat.map((value, index) => {
        const integer = quantizeValue(value, input.scale);
        if (!fitsSigned(integer, graph.bits)) throw new ModelError(`input ${input.name}[${index}] = ${value} does not fit ${graph.bits}-bit fixed point at scale 2^${input.scale}: lower --scale`);
        return integer;
      }),
    );
  }
  return tensors;
}

function flattenChecked(value: unknown, shape: number[], name: string): number[] {
  const flat: number[] = [];
  const walk = (item: unknown, axis: number, where: string) => {
    if (axis === shape.length) {
      if (typeof item !== 'number' || !Number.isFinite(item)) throw new ModelError(`input ${name}${where} must be a finite number`);
      flat.push(item);
      return;
    }
    if (!Array.isArray(item) || item.length !== shape[axis]) throw new ModelError(`input ${name}${where} must be an array of ${shape[axis]} (shape ${formatShape(shape)})`);
    item.forEach((child, index) => walk(child, axis + 1, `${where}[${index}]`));
  };
  // A flat list of the right length is accepted too.
  if (Array.isArray(value) && shape.length > 1 && value.length === sizeOf(shape) && value.every((v) => typeof v === 'number')) {
    walkFlat(value as number[], flat, name);
    return flat;
  }
  walk(value, 0, '');
  return flat;
}

function walkFlat(values: number[], flat: number[], name: string): void {
  values.forEach((value, index) => {
    if (!Number.isFinite(value)) throw new ModelError(`input ${name}[${index}] must be a finite number`);
    flat.push(value);
  });
}
