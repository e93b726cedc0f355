import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type CompiledCircuit, type Lang, type Value } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { seededUniform } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { dequantizeValue, fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { runReference } from '../reference.js';
import { arithmeticOpsModel } from '../testing/models.js';
import { composeCircom } from './circom.js';
import { composeNoir } from './noir.js';

const model = arithmeticOpsModel();
const graph = quantizeGraph(readModel(model), { scale: 8 });
const sample = (seed: number) => Array.from(seededUniform(seed, 6, 1.5));

function signed(values: Value): bigint[] {
  return ((values as Value[]).flat(Infinity as 1) as string[]).map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME));
}

// Every quantized step is exact except the input rounding (2^-9 each, at most 4 inputs summed)
// and ReduceMean's floor (2^-8): 0.02 covers both.
const TOLERANCE = 0.02;

describe('Sub, Neg, Sum, Abs, Max, Min, ReduceSum, ReduceMean, Squeeze, Unsqueeze, Dropout', () => {
  it(`the integer interpreter is within ${TOLERANCE} of onnxruntime`, async () => {
    for (const seed of [1, 2, 3]) {
      const x = sample(seed);
      const expected = interpretQuantized(graph, quantizeInputs(graph, { x })).get('y') ?? [];
      const reference = (await runReference(model, readModel(model), new Map([['x', x]]))).get('y');
      expect(reference?.shape).toEqual([1, 5]);
      const errors = expected.map((v, i) => Math.abs(dequantizeValue(v, 8) - (reference?.data[i] ?? Number.NaN)));
      expect(Math.max(...errors)).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});

describe.each(['circom', 'noir'] as const)('the arithmetic and shape ops composed in %s', (lang: Lang) => {
  let backend: Backend;
  let compiled: CompiledCircuit;
  const output = lang === 'circom' ? 'out0' : 'return';
  beforeAll(async () => {
    backend = await createBackend(lang, { timeoutMs: 600_000 });
    const circuit = lang === 'circom' ? composeCircom(graph) : composeNoir(graph);
    expect(circuit.kb).toEqual(['abs-signed', 'average-pool', 'max', 'min', 'range-check']);
    const result = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: 'arith-ops' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    compiled = result.compiled!;
  }, 600_000);
  afterAll(() => backend.dispose());

  it('computes what the integer interpreter computes, bit for bit', async () => {
    for (const seed of [1, 2, 3]) {
      const integers = quantizeInputs(graph, { x: sample(seed) });
      const expected = interpretQuantized(graph, integers).get('y');
      const executed = await backend.execute(compiled, { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) });
      expect(executed.ok).toBe(true);
      if (executed.ok) expect(signed(executed.outputs[output])).toEqual(expected);
    }
  }, 600_000);

  it('has no witness for a changed output (a ReduceSum sum, a ReduceMean floor)', async () => {
    const integers = quantizeInputs(graph, { x: sample(4) });
    const expected = interpretQuantized(graph, integers).get('y') ?? [];
    const inputs = { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) };
    for (const index of lang === 'circom' ? [0, 3] : [3]) {
      const forged = expected.map((v, k) => toFieldString(k === index ? v + 1n : v, BN254_PRIME));
      const result = await backend.forge(compiled, inputs, { [output]: forged });
      expect(result.accepted).toBe(false);
    }
  }, 600_000);
});
