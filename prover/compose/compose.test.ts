import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { ModelBuilder, seededUniform } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { composeCircom } from './circom.js';

/** Reshape → MatMul → Add (constant) → Relu → Add (two activations) → Flatten → Softmax, over 2 rows. */
function branchyModel(): Uint8Array {
  return new ModelBuilder()
    .input('x', [2, 2, 2])
    .int64Constant('shape', [2, -1])
    .constant('w', [4, 3], seededUniform(5, 12))
    .constant('c', [3], [0.25, -0.5, 0.125])
    .node('Reshape', ['x', 'shape'], ['r'])
    .node('MatMul', ['r', 'w'], ['m'])
    .node('Add', ['m', 'c'], ['biased'])
    .node('Relu', ['biased'], ['positive'])
    .node('Add', ['positive', 'm'], ['sum'])
    .node('Flatten', ['sum'], ['flat'])
    .node('Softmax', ['flat'], ['y'])
    .output('y', [2, 3])
    .toBytes();
}

describe('the composed Circom main computes what the integer interpreter computes', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createBackend('circom');
  });
  afterAll(() => backend.dispose());

  it('for Reshape, MatMul, Add (constant and activation), Relu, Flatten and Softmax over two rows', async () => {
    const graph = quantizeGraph(readModel(branchyModel()), { scale: 6 });
    const circuit = composeCircom(graph);
    const compiled = await backend.compile({ lang: 'circom', files: circuit.files, entry: circuit.entry, name: 'branchy' });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    for (const seed of [1, 2, 3]) {
      const x = Array.from(seededUniform(seed, 8), (v) => v * 3);
      const integers = quantizeInputs(graph, { x });
      const expected = interpretQuantized(graph, integers).get('y');
      const executed = await backend.execute(compiled.compiled!, { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) });
      expect(executed.ok).toBe(true);
      const out = executed.ok ? (executed.outputs.out0 as string[]).map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME)) : [];
      expect(out).toEqual(expected);
    }
    // An input outside SInt(16) is refused by the input range check.
    const outside = await backend.execute(compiled.compiled!, { in0: ['40000', '0', '0', '0', '0', '0', '0', '0'] });
    expect(outside.ok).toBe(false);
  }, 600_000);
});
