import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend, type Lang, type Value } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { commitValues } from '../commit/commitment.js';
import { ModelBuilder, seededUniform } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { composeCircom } from './circom.js';
import { composeNoir } from './noir.js';
import { privateWeights } from './private-weights.js';

/** Conv 3x3 with padding and stride 2 (some window positions fall outside), then MatMul with a constant. */
function convModel(): Uint8Array {
  return new ModelBuilder()
    .input('x', [1, 1, 5, 5])
    .constant('w', [2, 1, 3, 3], seededUniform(3, 18, 0.5))
    .constant('b', [2], [0.125, -0.25])
    .constant('m', [3, 2], seededUniform(4, 6, 0.5))
    .node('Conv', ['x', 'w', 'b'], ['c'], { kernel_shape: [3, 3], pads: [1, 1, 1, 1], strides: [2, 2] }, 'conv')
    .node('MatMul', ['c', 'm'], ['y'], {}, 'matmul')
    .output('y', [1, 2, 3, 2])
    .toBytes();
}

const graph = quantizeGraph(readModel(convModel()), { scale: 6 });
const signed = (values: Value[]) => (values.flat(Infinity as 1) as string[]).map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME));

// Conv and MatMul-with-a-constant over private weights: the same outputs as the interpreter with the
// constants, and the commitment of the TypeScript Poseidon.
describe.each(['circom', 'noir'] as const)('Conv and MatMul with --commit-weights composed in %s', (lang: Lang) => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await createBackend(lang, { timeoutMs: 600_000 });
  });
  afterAll(() => backend.dispose());

  it('computes the interpreter outputs and the TypeScript commitment', async () => {
    const weights = privateWeights(graph);
    expect(weights.map((w) => [w.node, w.values.length])).toEqual([['conv', 20], ['matmul', 6 + 12]]);
    const circuit = lang === 'circom' ? composeCircom(graph, { commitWeights: true }) : composeNoir(graph, { commitWeights: true });
    const compiled = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: 'commit-conv', ...(lang === 'noir' ? { returnNames: circuit.outputNames } : {}) });
    expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const integers = quantizeInputs(graph, { x: Array.from(seededUniform(9, 25, 1.5)) });
    const executed = await backend.execute(compiled.compiled!, {
      in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)),
      ...Object.fromEntries(weights.map((w) => [w.name, w.values.map((v) => toFieldString(v, BN254_PRIME))])),
    });
    expect(executed.ok).toBe(true);
    if (!executed.ok) return;
    const [out, commitment] = lang === 'circom' ? [executed.outputs.out0, executed.outputs.weightsCommitment] : (executed.outputs.return as Value[]);
    expect(signed(out as Value[])).toEqual(interpretQuantized(graph, integers).get('y'));
    expect(BigInt(String(commitment))).toBe(commitValues(lang, weights.flatMap((w) => w.values)));
  }, 600_000);
});
