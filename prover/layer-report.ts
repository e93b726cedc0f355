import type { ReferenceTensor } from './reference.js';
import { dequantizeValue } from './quantize/fixed-point.js';
import { evaluateLayer } from './quantize/interpret.js';
import type { IntegerTensors, QuantizedGraph } from './quantize/types.js';

export interface LayerReport {
  node: string;
  op: string;
  shape: number[];
  scale: number;
  kb: string[];
  /** Circom: the R1CS constraints this layer adds (its gadgets and range checks); Noir: its ACIR opcodes. */
  constraints?: number;
  /**
   * Milliseconds the integer interpreter takes for this layer (the plain-TypeScript witness of
   * its outputs, timed again here); the circuit's own witness is computed in one pass, not per layer.
   */
  interpretMs: number;
  /** Max |dequantized activation - onnxruntime's float activation|, when onnxruntime reported it. */
  maxAbsError?: number;
}

/** Per-layer error of the quantized activations against onnxruntime's float ones, size and interpreter time. */
export function layerReports(graph: QuantizedGraph, values: IntegerTensors, reference: Map<string, ReferenceTensor>, constraints?: Map<string, number>): LayerReport[] {
  return graph.layers.map((layer, index) => {
    const started = performance.now();
    evaluateLayer(layer, layer.inputs.map((name) => values.get(name) ?? []), graph.bits);
    const interpretMs = performance.now() - started;
    const integers = values.get(layer.output.name) ?? [];
    const expected = reference.get(layer.output.name);
    let maxAbsError: number | undefined;
    if (expected && expected.data.length === integers.length) {
      maxAbsError = 0;
      // An int8 / uint8 tensor comes back from onnxruntime as stored integers: dequantize them at the layer's scale.
      const zeroPoint = layer.output.integer?.zeroPoint ?? 0;
      const reference = (index: number) => (layer.output.integer ? dequantizeValue(BigInt(expected.data[index] - zeroPoint), layer.output.scale) : expected.data[index]);
      integers.forEach((value, index) => (maxAbsError = Math.max(maxAbsError ?? 0, Math.abs(dequantizeValue(value, layer.output.scale) - reference(index)))));
    }
    return { node: layer.node, op: layer.op, shape: layer.output.shape, scale: layer.output.scale, kb: layer.kb, interpretMs, ...(constraints ? { constraints: constraints.get(`t${index}`) ?? 0 } : {}), ...(maxAbsError !== undefined ? { maxAbsError } : {}) };
  });
}
