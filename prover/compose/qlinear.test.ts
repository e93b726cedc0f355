import { afterAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Lang, type Value } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { ModelBuilder, seededUniform } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { dequantizeValue, fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { runReference } from '../reference.js';
import { qlinearConvModel, qlinearMatMulModel } from '../testing/qlinear-models.js';
import type { NoirCompiledCircuit } from '../../compiler-harness/noir/backend.js';
import { noirLayerOpcodes } from '../noir-layer-opcodes.js';
import { proveModel } from '../prove.js';
import { reportMarkdown } from '../report.js';
import { composeCircom } from './circom.js';
import { composeNoir } from './noir.js';

const models = {
  matmul: { bytes: qlinearMatMulModel(), size: 16, quantized: 'h', unit: 2 ** -4 },
  conv: { bytes: qlinearConvModel(), size: 36, quantized: 'y', unit: 2 ** -4 },
};

// One backend per language for the whole file: a Noir backend's first compile loads noir_wasm
// (seconds of CPU), which both models and the end-to-end proof would otherwise pay again.
const backends = new Map<Lang, Promise<Backend>>();
const backendFor = (lang: Lang): Promise<Backend> => {
  if (!backends.has(lang)) backends.set(lang, createBackend(lang, { timeoutMs: 600_000 }));
  return backends.get(lang)!;
};
afterAll(async () => {
  for (const backend of backends.values()) await (await backend).dispose();
});

function signed(values: Value): bigint[] {
  return ((values as Value[]).flat(Infinity as 1) as string[]).map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME));
}

describe.each(Object.entries(models))('QuantizeLinear / QLinear* / DequantizeLinear (%s model)', (_name, model) => {
  const graph = quantizeGraph(readModel(model.bytes), { scale: 8 });
  const inputs = [1, 2, 3, 4, 5].map((seed) => Array.from(seededUniform(seed, model.size, 2.5)));

  // The int8 / uint8 tensors agree with onnxruntime's to one unit: the input is rounded to 2^-8
  // first (double rounding) and ties round up, not to even. Saturation is exercised.
  it('matches onnxruntime within one unit of each quantized tensor', async () => {
    let saturated = 0;
    for (const x of inputs) {
      const values = interpretQuantized(graph, quantizeInputs(graph, { x }));
      const reference = await runReference(model.bytes, readModel(model.bytes), new Map([['x', x]]), [model.quantized]);
      const expected = reference.get(model.quantized)?.data ?? [];
      const tensor = graph.layers.find((layer) => layer.output.name === model.quantized)?.output;
      const got = (values.get(model.quantized) ?? []).map((v) => dequantizeValue(v, tensor?.scale ?? 0));
      expect(got.length).toBe(expected.length);
      got.forEach((value, i) => expect(Math.abs(value - expected[i])).toBeLessThanOrEqual(model.unit));
      const clip = graph.layers.find((layer) => layer.params.kind === 'clip' && layer.node.startsWith('q') && layer.node.includes('saturate') && !layer.node.startsWith('quantize'));
      if (clip?.params.kind === 'clip') {
        const { lo, hi } = clip.params;
        saturated += (values.get(clip.output.name) ?? []).filter((v) => v === lo || v === hi).length;
      }
    }
    expect(saturated).toBeGreaterThan(0);
  });

  it.each(['circom', 'noir'] as const)('in %s equals the integer interpreter bit for bit', async (lang: Lang) => {
    const backend = await backendFor(lang);
    const circuit = lang === 'circom' ? composeCircom(graph) : composeNoir(graph);
    const compiled = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: `qlinear-${_name}` });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const x of inputs.slice(0, 2)) {
      const integers = quantizeInputs(graph, { x });
      const expected = interpretQuantized(graph, integers).get('y');
      const executed = await backend.execute(compiled.compiled!, { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) });
      expect(executed.ok).toBe(true);
      if (executed.ok) expect(signed(lang === 'circom' ? executed.outputs.out0 : executed.outputs.return)).toEqual(expected);
    }
    if (lang === 'noir') {
      // Per-layer ACIR opcodes from the debug symbols: every layer with arithmetic has some, and
      // what no layer holds is one opcode per returned value (the public outputs' binding).
      const counts = noirLayerOpcodes((compiled.compiled as NoirCompiledCircuit).program);
      const attributed = [...counts.values()].reduce((a, b) => a + b, 0);
      expect(compiled.compiled!.constraintCount - attributed).toBe(graph.outputs.reduce((sum, output) => sum + output.shape.reduce((a, b) => a * b, 1), 0));
      expect(counts.get('other') ?? 0).toBe(0);
      graph.layers.forEach((layer, index) => {
        if (layer.params.kind !== 'reshape') expect(counts.get(`t${index}`), layer.node).toBeGreaterThan(0);
      });
    }
  }, 600_000);
});

describe('a quantized model proved end to end', () => {
  // y's error: 2^-4 per h element that differs by a unit, times its weights in the last MatMul (column
  // sums of |w| up to 8.6: at most 0.54 if every element differed); 0.3 holds for these inputs.
  it('QLinearMatMul model: Circom / Groth16 proof verified, within 0.3 of onnxruntime, per-layer table with interpreter times', async () => {
    const inputs = { x: [Array.from(seededUniform(40, 8, 1.5)), Array.from(seededUniform(41, 8, 1.5))] };
    const result = await proveModel({ model: models.matmul.bytes, inputs, lang: 'circom', backend: await backendFor('circom'), tolerance: 0.3 });
    expect(result.ok).toBe(true);
    expect(result.interpreterAgrees).toBe(true);
    expect(result.layers.map((layer) => layer.node)).toEqual(['quantize', 'quantize/saturate', 'qmatmul', 'qmatmul/saturate', 'dequantize', 'relu', 'matmul']);
    // The int8 intermediates are compared with onnxruntime's, dequantized.
    expect(result.layers.find((layer) => layer.node === 'qmatmul/saturate')?.maxAbsError).toBeLessThanOrEqual(models.matmul.unit);
    expect(result.layers.reduce((sum, layer) => sum + (layer.constraints ?? 0), result.inputConstraints ?? 0)).toBe(result.constraints);
    const report = reportMarkdown(result);
    expect(report).toMatch(/\| node \| op \| shape \| scale \| knowledge-base circuits \| R1CS constraints \| interpreter ms \| prove time \(est\.\) \| max error vs float \|/);
    expect(report).toMatch(/\| qmatmul \| QLinearMatMul \| 2x6 \| 2\^4 \| dense \| \d+ \| \d+\.\d\d \| \d+\.\d\d s \|/);
  }, 600_000);
});

describe('quantized ops the prover refuses', () => {
  const quantize = (scale: number[], zero: number[] = [0], extra: (b: ModelBuilder) => ModelBuilder = (b) => b) =>
    extra(
      new ModelBuilder()
        .input('x', [1, 2])
        .constant('s', [scale.length], scale)
        .integerConstant('z', [zero.length], zero, 'int8')
        .node('QuantizeLinear', ['x', 's', 'z'], ['q'], {}, 'quant'),
    );
  const refuse = (bytes: Uint8Array) => () => quantizeGraph(readModel(bytes));

  it('names the node, the input and why, and points at zkcoder op', () => {
    const dequantized = (b: ModelBuilder) => b.node('DequantizeLinear', ['q', 's', 'z'], ['y']).output('y', [1, 2]);
    expect(refuse(dequantized(quantize([0.1])).toBytes())).toThrow(/node quant \(QuantizeLinear\): input 1 \(y_scale\) = 0\.1 is not a power of two.*zkcoder op QuantizeLinear/);
    expect(refuse(dequantized(quantize([0.25, 0.5], [0, 0])).toBytes())).toThrow(/node quant \(QuantizeLinear\): input 1 \(y_scale\) has shape 2; one value \(per-tensor quantization: per-axis scales of an activation are not supported\) expected/);
    expect(refuse(quantize([0.25]).output('q', [1, 2]).toBytes())).toThrow(/graph output q is an int8 tensor: end the graph with DequantizeLinear/);
    const otherZero = (b: ModelBuilder) => b.integerConstant('z2', [], [5], 'int8').node('DequantizeLinear', ['q', 's', 'z2'], ['y'], {}, 'deq').output('y', [1, 2]);
    expect(refuse(quantize([0.25], [0], otherZero).toBytes())).toThrow(/node deq \(DequantizeLinear\): input 2: zero point 5 \(int8\) differs from the 0 \(int8\) q was quantized with/);
  });

  it('refuses QLinearMatMul on a float activation or with an activation B', () => {
    const floatInput = new ModelBuilder()
      .input('x', [1, 2])
      .constant('s', [], [0.25])
      .integerConstant('z', [], [0], 'int8')
      .integerConstant('w', [2, 2], [1, 2, 3, 4], 'int8')
      .node('QLinearMatMul', ['x', 's', 'z', 'w', 's', 'z', 's', 'z'], ['y'], {}, 'mm')
      .output('y', [1, 2]);
    expect(refuse(floatInput.toBytes())).toThrow(/node mm \(QLinearMatMul\): input 0 \(x\) is a float activation, not the int8 \/ uint8 output of QuantizeLinear/);
    const activationB = quantize([0.25], [0], (b) => b.node('QLinearMatMul', ['q', 's', 'z', 'q', 's', 'z', 's', 'z'], ['y'], {}, 'mm').output('y', [1, 2]));
    expect(refuse(activationB.toBytes())).toThrow(/node mm \(QLinearMatMul\): input 3 \(b, q\) is an activation: only a constant \(initializer\) B is supported.*zkcoder op QLinearMatMul/);
  });
});
