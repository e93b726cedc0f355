/**
 * The small test models of bench:prover: the CNN (Conv, Relu, MaxPool, Flatten, Gemm) and the tiny
 * attention block (MatMul, Transpose, Mul, Softmax, LayerNormalization, Gelu, Sigmoid, Tanh,
 * Concat), each proved `RUNS` times per language on one backend: constraints, median witness /
 * prove / verify times, error against onnxruntime.
 */
import { createBackend, type Lang } from '../compiler-harness/index.js';
import { seededUniform } from '../prover/onnx/build.js';
import { DEFAULT_MODEL_TIMEOUT_MS, proveModel } from '../prover/prove.js';
import { attentionModel, cnnModel } from '../prover/testing/models.js';

const RUNS = 3;

export const SMALL_MODELS = {
  cnn: {
    description: 'CNN 1x1x8x8 → Conv 3x3 (2 channels) → Relu → MaxPool 2x2 → Flatten → Gemm (3)',
    model: cnnModel,
    inputs: () => ({ x: [[Array.from({ length: 8 }, (_, row) => Array.from(seededUniform(20 + row, 8)))]] }),
  },
  attention: {
    description: 'attention block, 4 tokens x 8: Q/K/V MatMul, Q K^T, Mul, Softmax, P V, residual Add, LayerNormalization, Gelu | Sigmoid | Tanh, Concat',
    model: attentionModel,
    inputs: () => ({ x: Array.from({ length: 4 }, (_, row) => Array.from(seededUniform(40 + row, 8))) }),
  },
} as const;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.floor(sorted.length / 2)]) / 1000;
}

export async function benchSmallModel(name: keyof typeof SMALL_MODELS, lang: Lang): Promise<Record<string, unknown>> {
  const entry = SMALL_MODELS[name];
  const backend = await createBackend(lang, { timeoutMs: DEFAULT_MODEL_TIMEOUT_MS });
  try {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const result = await proveModel({ model: entry.model(), inputs: entry.inputs(), lang, backend });
      process.stderr.write(`${name} ${lang} run ${run + 1}: prove ${((result.timings.prove ?? 0) / 1000).toFixed(2)} s\n`);
      runs.push(result);
    }
    const [first] = runs;
    return {
      model: entry.description,
      system: first.system,
      scale: first.scale,
      verified: runs.every((r) => r.verified),
      interpreterAgrees: runs.every((r) => r.interpreterAgrees),
      constraints: first.constraints,
      ...(first.gates ? { gates: first.gates } : {}),
      runs: RUNS,
      firstCompileSeconds: Math.round(first.timings.compile ?? 0) / 1000,
      medianWitnessSeconds: median(runs.map((r) => r.timings.witness ?? 0)),
      medianProveSeconds: median(runs.map((r) => r.timings.prove ?? 0)),
      medianVerifySeconds: median(runs.map((r) => r.timings.verify ?? 0)),
      maxAbsError: Math.round(first.maxAbsError * 1e5) / 1e5,
      layers: first.layers.map((layer) => ({ node: layer.node, op: layer.op, constraints: layer.constraints ?? null, maxAbsError: layer.maxAbsError === undefined ? null : Math.round(layer.maxAbsError * 1e5) / 1e5 })),
    };
  } finally {
    await backend.dispose();
  }
}
