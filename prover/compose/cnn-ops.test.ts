import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type CompiledCircuit, type Lang, type Value } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { seededUniform } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { cnnOpsModel } from '../testing/models.js';
import { composeCircom } from './circom.js';
import { composeNoir } from './noir.js';

const graph = quantizeGraph(readModel(cnnOpsModel()), { scale: 8 });

function signed(values: Value): bigint[] {
  return ((values as Value[]).flat(Infinity as 1) as string[]).map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME));
}

// Conv (stride, pads, dilation), LeakyRelu, Mul (constant and activations), Clip, MaxPool and
// AveragePool with padding, GlobalAveragePool, Concat, Transpose: the composed circuit's outputs
// equal the integer interpreter's for several inputs, and a changed output has no witness.
describe.each(['circom', 'noir'] as const)('the CNN ops composed in %s', (lang: Lang) => {
  let backend: Backend;
  let compiled: CompiledCircuit;
  beforeAll(async () => {
    backend = await createBackend(lang, { timeoutMs: 600_000 });
    const circuit = lang === 'circom' ? composeCircom(graph) : composeNoir(graph);
    const result = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: 'cnn-ops' });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    compiled = result.compiled!;
  }, 600_000);
  afterAll(() => backend.dispose());

  it('computes what the integer interpreter computes, bit for bit', async () => {
    for (const seed of [1, 2, 3]) {
      const x = Array.from(seededUniform(seed, 50, 1.5));
      const integers = quantizeInputs(graph, { x });
      const expected = interpretQuantized(graph, integers).get('y');
      const executed = await backend.execute(compiled, { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) });
      expect(executed.ok).toBe(true);
      if (executed.ok) expect(signed(lang === 'circom' ? executed.outputs.out0 : executed.outputs.return)).toEqual(expected);
    }
  }, 600_000);

  it('has no witness for a changed output (each activation pinned by its range checks)', async () => {
    const integers = quantizeInputs(graph, { x: Array.from(seededUniform(4, 50)) });
    const expected = interpretQuantized(graph, integers).get('y') ?? [];
    const inputs = { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) };
    // the last squared value (a Mul rescale) and a global average (an AveragePool division); Noir's
    // forge check takes ~45 s of bb.js per output, so it checks the division only
    for (const index of lang === 'circom' ? [53, 55] : [55]) {
      const forged = expected.map((v, k) => toFieldString(k === index ? v + 1n : v, BN254_PRIME));
      const result = await backend.forge(compiled, inputs, lang === 'circom' ? { out0: forged } : { return: forged });
      expect(result.accepted).toBe(false);
    }
  }, 600_000);
});
