/**
 * The jobs of the chunk worker thread (`chunk-worker.ts` loads this module): prove one chunk at a
 * time, compile, witness, prove, verify, with its own backend (kept for its next chunk).
 */
import { createBackend, type Backend, type Lang } from '../../compiler-harness/index.js';
import type { NoirCompiledCircuit } from '../../compiler-harness/noir/backend.js';
import { serveJobs } from '../../compiler-harness/worker-jobs.js';
import type { ChunkJob, ChunkJobResult } from './pool.js';

let backend: { lang: Lang; instance: Backend } | undefined;

async function backendFor(job: ChunkJob): Promise<Backend> {
  if (backend?.lang !== job.lang) {
    await backend?.instance.dispose();
    backend = { lang: job.lang, instance: await createBackend(job.lang, job.harness) };
  }
  return backend.instance;
}

async function proveChunk(job: ChunkJob): Promise<ChunkJobResult> {
  const harness = await backendFor(job);
  const timings: ChunkJobResult['timings'] = {};
  let started = performance.now();
  const lap = (stage: keyof ChunkJobResult['timings']) => {
    const now = performance.now();
    timings[stage] = now - started;
    started = now;
  };
  const compiled = await harness.compile(job.circuit);
  if (!compiled.ok || !compiled.compiled) {
    throw new Error(`chunk ${job.index}: the composed ${job.lang} circuit did not compile (a prover bug): ${compiled.diagnostics.map((d) => d.message).join('; ').slice(0, 2000)}`);
  }
  const program = compiled.compiled;
  lap('compile');
  const executed = await harness.execute(program, job.inputs);
  if (!executed.ok) throw new Error(`chunk ${job.index}: the circuit refused its activations (the interpreter accepted them: a prover bug): ${executed.failure.message}`);
  lap('witness');
  const proof = await harness.prove(program, executed.witness, { system: job.system });
  lap('prove');
  const verified = await harness.verify(program, proof);
  lap('verify');
  return {
    index: job.index,
    constraints: program.constraintCount,
    ...(program.gateCount !== undefined ? { gates: program.gateCount } : {}),
    timings,
    proof,
    verified,
    ...(job.lang === 'noir' ? { program: (program as NoirCompiledCircuit).program } : {}),
    heapUsedBytes: process.memoryUsage().heapUsed,
  };
}

serveJobs({
  prove: proveChunk,
  dispose: async () => {
    await backend?.instance.dispose();
    backend = undefined;
  },
});
