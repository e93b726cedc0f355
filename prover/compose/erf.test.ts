import { describe, expect, it } from 'vitest';
import { createBackend, type Lang, type Value } from '../../compiler-harness/index.js';
import { BN254_PRIME } from '../../compiler-harness/field.js';
import { ModelBuilder } from '../onnx/build.js';
import { readModel } from '../onnx/read.js';
import { dequantizeValue, fromFieldString, toFieldString } from '../quantize/fixed-point.js';
import { interpretQuantized } from '../quantize/interpret.js';
import { quantizeGraph, quantizeInputs } from '../quantize/quantize.js';
import { runReference } from '../reference.js';
import { composeCircom } from './circom.js';
import { composeNoir } from './noir.js';

const model = new ModelBuilder().input('x', [1, 24]).node('Erf', ['x'], ['y'], {}, 'erf').output('y', [1, 24]).toBytes();
const graph = quantizeGraph(readModel(model), { scale: 8 });
const x = Array.from({ length: 24 }, (_, i) => -2.3 + i * 0.2);
const integers = quantizeInputs(graph, { x: [x] });
const expected = interpretQuantized(graph, integers).get('y') ?? [];

describe('Erf (2 sigmoid(2.407 z) - 1 from the sigmoid lookup)', () => {
  it('is within the stated 0.15 of onnxruntime over [-2.3, 2.3]', async () => {
    const reference = (await runReference(model, readModel(model), new Map([['x', x]]))).get('y')?.data ?? [];
    const errors = expected.map((v, i) => Math.abs(dequantizeValue(v, 8) - reference[i]));
    expect(Math.max(...errors)).toBeLessThanOrEqual(0.15);
  });

  it.each(['circom', 'noir'] as const)('in %s equals the integer interpreter bit for bit', async (lang: Lang) => {
    const backend = await createBackend(lang, { timeoutMs: 600_000 });
    try {
      const circuit = lang === 'circom' ? composeCircom(graph) : composeNoir(graph);
      const compiled = await backend.compile({ lang, files: circuit.files, entry: circuit.entry, name: 'erf' });
      expect(compiled.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const executed = await backend.execute(compiled.compiled!, { in0: (integers.get('x') ?? []).map((v) => toFieldString(v, BN254_PRIME)) });
      expect(executed.ok).toBe(true);
      const out = executed.ok ? ((lang === 'circom' ? executed.outputs.out0 : executed.outputs.return) as Value[]).flat(Infinity as 1) as string[] : [];
      expect(out.map((v) => fromFieldString(v.startsWith('-') ? (BN254_PRIME + BigInt(v)).toString() : v, BN254_PRIME))).toEqual(expected);
    } finally {
      await backend.dispose();
    }
  }, 600_000);
});
