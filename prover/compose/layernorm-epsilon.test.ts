import { describe, expect, it } from 'vitest';
import { createBackend, type Lang, type Value } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { ModelBuilder, seededUniform } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { dequantizeValue, fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { runReference } from '../reference.js';
import { composeCircom } from './circom.js';
import { composeNoir } from './noir.js';

const normModel = (epsilon: number) =>
  new ModelBuilder()
    .input('x', [2, 8])
    .constant('gamma', [8], seededUniform(3, 8, 1.5))
    .constant('beta', [8], seededUniform(4, 8, 0.2))
    .node('LayerNormalization', ['x', 'gamma', 'beta'], ['y'], { axis: -1, epsilon }, 'norm')
    .output('y', [2, 8])
    .toBytes();

// Rows of small variance (about 0.01), where epsilon = 0.02 changes the outputs by a factor ~ 1.7.
const x = Array.from(seededUniform(11, 16, 0.2));
const model = normModel(0.02);
const graph = quantizeGraph(readModel(model), { scale: 8 });
const integers = quantizeInputs(graph, { x });
const expected = interpretQuantized(graph, integers).get('y') ?? [];

describe('LayerNormalization epsilon', () => {
  it('is honoured: within 0.05 of onnxruntime, where one unit of eps (the old semantics) is off by more than 0.5', async () => {
    const params = graph.layers[0].params;
    expect(params.kind === 'layer-norm' && params.epsilon).toBe(BigInt(Math.round(0.02 * 512 * 65536)));
    const reference = (await runReference(model, readModel(model), new Map([['x', x]]))).get('y')?.data ?? [];
    const error = (values: bigint[]) => Math.max(...values.map((v, i) => Math.abs(dequantizeValue(v, 8) - reference[i])));
    expect(error(expected)).toBeLessThanOrEqual(0.05);
    const oneUnit = { ...graph, layers: graph.layers.map((layer) => (layer.params.kind === 'layer-norm' ? { ...layer, params: { ...layer.params, epsilon: 1n } } : layer)) };
    expect(error(interpretQuantized(oneUnit, integers).get('y') ?? [])).toBeGreaterThan(0.5);
  });

  it('refuses epsilon >= 1 naming the node and attribute', () => {
    expect(() => quantizeGraph(readModel(normModel(1.5)))).toThrow(/node norm \(LayerNormalization\): attribute epsilon 1\.5: only 0 <= epsilon < 1 is supported/);
  });

  it.each(['circom', 'noir'] as const)('in %s equals the integer interpreter bit for bit', async (lang: Lang) => {
    const backend = await createBackend(lang, { timeoutMs: 600_000 });
    try {
      const circuit = lang === 'circom' ? composeCircom(graph) : composeNoir(graph);
      const compiled = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: 'layernorm-epsilon' });
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const executed = await backend.execute(compiled.compiled!, { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) });
      expect(executed.ok).toBe(true);
      const out = executed.ok ? (((lang === 'circom' ? executed.outputs.out0 : executed.outputs.return) as Value[]).flat(Infinity as 1) as string[]) : [];
      expect(out.map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME))).toEqual(expected);
    } finally {
      await backend.dispose();
    }
  }, 600_000);
});
