import type { OutputFolder } from '../../compiler-harness/files/output-folder.js';
import { chunkedSummary, writeChunkedOutput } from '../../prover/chunk/output.js';
import { proveChunkedInference, type ChunkedProveOptions, type ChunkedProveResult } from '../../prover/chunk/prove-chunked.js';
import type { ChunkSize } from '../../prover/chunk/split.js';
import { PROVE_STAGES } from '../../prover/prove.js';
import { FatalError } from '../fatal.js';

interface ChunkFlags {
  chunk?: string;
  jobs?: string;
  json?: boolean;
  out?: OutputFolder;
  asInputError: (error: unknown) => never;
}

/** `zkcoder prove --chunk layer|N [--jobs n]`: the chunked run, its progress, the --out folder. */
export async function runChunkedProve(options: Omit<ChunkedProveOptions, 'chunk' | 'jobs'>, flags: ChunkFlags): Promise<number> {
  if (flags.chunk === undefined) throw new FatalError('--jobs sets how many chunks are proved at once: it needs --chunk');
  const chunk = parseChunk(flags.chunk);
  const jobs = flags.jobs === undefined ? undefined : parseJobs(flags.jobs);
  const run = proveChunkedInference({ ...options, chunk, ...(jobs !== undefined ? { jobs } : {}) });
  let result: ChunkedProveResult | undefined;
  try {
    for await (const event of run) {
      if (event.type === 'done') result = event.result;
      else if (flags.json) console.log(JSON.stringify(event));
      else if (event.type === 'stage-start') process.stdout.write(`[${PROVE_STAGES.indexOf(event.stage) + 1}/${PROVE_STAGES.length}] ${event.stage} …${event.stage === 'prove' ? '\n' : ''}`);
      else if (event.type === 'stage-end') process.stdout.write(` ${event.detail} (${(event.durationMs / 1000).toFixed(2)} s)\n`);
      else {
        const { index, layers, constraints, timings, verified } = event.chunk;
        const seconds = Object.values(timings).reduce((sum, time) => sum + (time ?? 0), 0) / 1000;
        console.log(`  chunk ${index + 1}/${event.of} (${layers.join(', ')}): ${constraints} ${options.lang === 'noir' ? 'ACIR opcodes' : 'constraints'}, ${verified ? 'verified' : 'NOT verified'} (${seconds.toFixed(2)} s)`);
      }
    }
  } catch (error) {
    flags.asInputError(error);
  }
  if (!result) throw new Error('the prover ended without a result');
  if (flags.out) await writeChunkedOutput(flags.out, result, options.inputs);
  if (flags.json) console.log(JSON.stringify({ type: 'result', ...chunkedSummary(result) }));
  else {
    for (const warning of result.warnings) console.log(`warning: ${warning}`);
    console.log(`${result.ok ? 'ok' : 'FAILED'}: ${result.chunks.length} chunk proofs ${result.chunks.every((c) => c.verified) ? 'verified' : 'NOT all verified'}, chain ${result.chained ? 'linked' : 'BROKEN'}; max |error| vs onnxruntime ${result.maxAbsError.toPrecision(4)}${result.tolerance !== undefined ? ` (tolerance ${result.tolerance})` : ''}; ${result.constraints} ${result.lang === 'circom' ? 'constraints' : 'ACIR opcodes'} in all; peak memory ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
    if (!result.interpreterAgrees) console.log('the circuit outputs differ from the integer interpreter: please report this as a prover bug');
    for (const [name, value] of Object.entries(result.outputs)) console.log(`  ${name} = ${JSON.stringify(value)}\n  onnxruntime: ${JSON.stringify(result.reference[name])}`);
    if (flags.out) console.log(`written to ${flags.out.dir} (chain.json, chunk-*/proof/, REPORT.md); check it with: zkcoder verify ${flags.out.dir}`);
  }
  return result.ok ? 0 : 1;
}

function parseChunk(value: string): ChunkSize {
  if (value === 'layer') return 'layer';
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new FatalError(`--chunk: "${value}" is not "layer" or a positive number of layers per chunk`);
  return Number(value);
}

function parseJobs(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new FatalError(`--jobs: "${value}" is not a positive number of worker threads`);
  return Number(value);
}
