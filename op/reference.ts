import { createRequire } from 'node:module';
import type { Shape } from '../prover/onnx/graph.js';

/** The part of onnxruntime-node `zkcoder op` uses; tests inject a loader that fails. */
export type RuntimeModule = Pick<typeof import('onnxruntime-node'), 'InferenceSession' | 'Tensor'>;
export type RuntimeLoader = () => Promise<RuntimeModule>;

/** onnxruntime is absent, or could not run the one-node model: the message says which and why. */
export class OnnxRuntimeError extends Error {
  override name = 'OnnxRuntimeError';
}

export const loadOnnxRuntime: RuntimeLoader = () => import('onnxruntime-node');

/** The installed onnxruntime-node version, for the report (undefined when it is not installed). */
export function onnxRuntimeVersion(): string | undefined {
  try {
    return (createRequire(import.meta.url)('onnxruntime-node/package.json') as { version: string }).version;
  } catch {
    return undefined;
  }
}

export interface ReferenceRun {
  /** Per sample: the output's float values (row-major) and shape. */
  outputs: { shape: Shape; data: Float64Array }[];
}

/**
 * Run the model in onnxruntime (CPU) on each sample: the ground truth of the operator. `samples[k]`
 * holds one float array per activation input.
 */
export async function runOnnxRuntime(options: { model: Uint8Array; inputs: { name: string; shape: Shape }[]; samples: number[][][]; load?: RuntimeLoader }): Promise<ReferenceRun> {
  let ort: RuntimeModule;
  try {
    ort = await (options.load ?? loadOnnxRuntime)();
  } catch (error) {
    throw new OnnxRuntimeError(`onnxruntime-node is not available, so there is no ground truth for the operator: ${(error as Error).message}. Install it with ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node`);
  }
  let session: Awaited<ReturnType<RuntimeModule['InferenceSession']['create']>>;
  try {
    session = await ort.InferenceSession.create(options.model);
  } catch (error) {
    throw new OnnxRuntimeError(`onnxruntime refused the one-node model: ${(error as Error).message}`);
  }
  try {
    const outputs: ReferenceRun['outputs'] = [];
    for (const sample of options.samples) {
      const feeds = Object.fromEntries(options.inputs.map((input, k) => [input.name, new ort.Tensor('float32', Float32Array.from(sample[k]), input.shape)]));
      const result = await session.run(feeds);
      const tensor = Object.values(result)[0];
      outputs.push({ shape: tensor.dims.map(Number), data: Float64Array.from(tensor.data as Float32Array) });
    }
    return { outputs };
  } catch (error) {
    throw new OnnxRuntimeError(`onnxruntime could not run the one-node model: ${(error as Error).message}`);
  } finally {
    await session.release();
  }
}
