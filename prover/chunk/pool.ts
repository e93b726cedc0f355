import { availableParallelism } from 'node:os';
import type { HarnessOptions, Lang, Proof, ProofSystem, TargetCircuit } from '../../compiler-harness/index.js';
import { siblingModule, TimedWorker } from '../../compiler-harness/timed-worker.js';

/** One chunk to prove: its circuit and its input activations as field elements. */
export interface ChunkJob {
  index: number;
  lang: Lang;
  system: ProofSystem;
  circuit: TargetCircuit;
  inputs: Record<string, string[]>;
  harness: HarnessOptions;
}

export interface ChunkJobResult {
  index: number;
  /** Circom: R1CS constraints; Noir: ACIR opcodes. */
  constraints: number;
  /** Noir: UltraHonk gates. */
  gates?: number;
  timings: Partial<Record<'compile' | 'witness' | 'prove' | 'verify', number>>;
  proof: Proof;
  verified: boolean;
  /** Noir: the compiled program, which `zkcoder verify` derives the verification key from. */
  program?: unknown;
  /** The worker's JavaScript heap after the chunk (its WebAssembly memory is not included). */
  heapUsedBytes: number;
}

/** Workers to use when not told: one per core the machine offers. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Prove every chunk in worker threads, at most `jobs` at once (each worker holds one chunk's
 * compiler, witness and prover state, so memory is bounded by `jobs` chunks, not the model).
 * `onDone` sees each result as it arrives; the results come back in chunk order.
 */
export async function proveChunks(jobs: ChunkJob[], options: { jobs: number; timeoutMs: number; onDone?: (result: ChunkJobResult) => void }): Promise<ChunkJobResult[]> {
  const workers = Array.from({ length: Math.min(options.jobs, jobs.length) }, () => new TimedWorker(siblingModule('chunk-worker', import.meta.url)));
  const results: ChunkJobResult[] = [];
  let next = 0;
  let failed = false;
  const drain = async (worker: TimedWorker) => {
    while (next < jobs.length && !failed) {
      const job = jobs[next++];
      const outcome = await worker.run<ChunkJobResult>('prove', job, options.timeoutMs).catch((error: unknown) => {
        failed = true;
        throw error;
      });
      if (outcome.timedOut) failed = true;
      if (outcome.timedOut) throw new Error(`chunk ${job.index}: not proved within ${options.timeoutMs} ms`);
      results[job.index] = outcome.value;
      options.onDone?.(outcome.value);
    }
  };
  try {
    await Promise.all(workers.map(drain));
    return results;
  } finally {
    await Promise.all(
      workers.map(async (worker) => {
        await worker.run('dispose', undefined, 60_000).catch(() => undefined);
        await worker.terminate();
      }),
    );
  }
}
