/**
 * npm run bench:prover-chunk — one circuit vs `--chunk layer` for an MLP (Gemm, Relu, Gemm; random
 * weights, fixed seed): per-chunk constraints and times, wall and CPU time, and peak resident memory,
 * each configuration in a fresh child process (so its maxRSS is its own) with a fresh key cache (so
 * every run pays its Groth16 key setup). Writes bench/results/prover-chunk.json.
 * Options: `--lang circom|noir` (default both), `--sizes 784,56,10` (default), `--jobs 1,2` (the
 * worker counts to run chunked with).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { proveChunkedInference } from '../prover/chunk/prove-chunked.js';
import { ModelBuilder, seededUniform } from '../prover/onnx/build.js';
import { proveInference } from '../prover/prove.js';

const RESULTS = 'bench/results/prover-chunk.json';
const arg = (name: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const sizes = (arg('--sizes') ?? '784,56,10').split(',').map(Number);
const SEED = 2024;

function mlp(): Uint8Array {
  const builder = new ModelBuilder().input('x', [1, sizes[0]]);
  let current = 'x';
  for (let layer = 0; layer + 1 < sizes.length; layer++) {
    const [inner, outer] = [sizes[layer], sizes[layer + 1]];
    builder.constant(`w${layer}`, [outer, inner], seededUniform(SEED + layer, outer * inner, 1 / Math.sqrt(inner)));
    builder.constant(`b${layer}`, [outer], seededUniform(SEED + 10 + layer, outer, 0.1));
    const last = layer + 2 === sizes.length;
    builder.node('Gemm', [current, `w${layer}`, `b${layer}`], [last ? 'y' : `h${layer}`], { transB: 1 }, `dense${layer}`);
    current = last ? 'y' : `h${layer}`;
    if (!last) builder.node('Relu', [current], [`a${layer}`], {}, `relu${layer}`), (current = `a${layer}`);
  }
  return builder.output('y', [1, sizes[sizes.length - 1]]).toBytes();
}

const seconds = (ms: number | undefined) => Math.round((ms ?? 0) / 10) / 100;

/** In the child: one configuration, printed as one JSON line. */
async function child(lang: 'circom' | 'noir', jobs: number | undefined): Promise<void> {
  const inputs = { x: [Array.from(seededUniform(1, sizes[0]), (v) => (v + 1) / 2)] };
  const started = performance.now();
  let summary: Record<string, unknown> = {};
  if (jobs === undefined) {
    for await (const event of proveInference({ model: mlp(), inputs, lang })) {
      if (event.type !== 'done') continue;
      const { result } = event;
      summary = { verified: result.verified, outputs: result.integerOutputs, constraints: result.constraints, gates: result.gates, stages: Object.fromEntries(Object.entries(result.timings).map(([stage, ms]) => [stage, seconds(ms)])) };
    }
  } else {
    for await (const event of proveChunkedInference({ model: mlp(), inputs, lang, chunk: 'layer', jobs })) {
      if (event.type !== 'done') continue;
      const { result } = event;
      summary = {
        verified: result.verified,
        outputs: result.integerOutputs,
        constraints: result.constraints,
        gates: result.gates,
        stages: Object.fromEntries(Object.entries(result.timings).map(([stage, ms]) => [stage, seconds(ms)])),
        chunks: result.chunks.map((chunk) => ({ layers: chunk.layers.join(', '), constraints: chunk.constraints, gates: chunk.gates, ...Object.fromEntries(Object.entries(chunk.timings).map(([stage, ms]) => [`${stage}Seconds`, seconds(ms)])) })),
      };
    }
  }
  const cpu = process.cpuUsage();
  console.log(JSON.stringify({ ...summary, wallSeconds: seconds(performance.now() - started), cpuSeconds: seconds((cpu.user + cpu.system) / 1000), peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

async function main(): Promise<void> {
  const langs = (arg('--lang') ? [arg('--lang')] : ['circom', 'noir']) as ('circom' | 'noir')[];
  const jobsList = (arg('--jobs') ?? '1,2').split(',').map(Number);
  const results: Record<string, unknown> = existsSync(RESULTS) ? JSON.parse(readFileSync(RESULTS, 'utf8')) : {};
  const home = process.env.ZKCODER_HOME ?? join(process.env.HOME ?? '.', '.cache', 'zkcoder');
  for (const lang of langs) {
    const runs: Record<string, unknown> = {};
    for (const jobs of [undefined, ...jobsList]) {
      // A fresh home with the dev ptau / CRS but no cached keys: every run pays its key setup.
      const fresh = mkdtempSync(join(tmpdir(), 'zkcoder-bench-home-'));
      for (const folder of ['ptau-dev', 'crs-dev']) if (existsSync(join(home, folder))) cpSync(join(home, folder), join(fresh, folder), { recursive: true });
      const label = jobs === undefined ? 'single' : `chunkLayerJobs${jobs}`;
      process.stderr.write(`${lang} ${label} (load ${loadavg()[0].toFixed(1)}) …\n`);
      const load = loadavg()[0];
      const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/prover-chunk.ts', '--child', lang, ...(jobs === undefined ? [] : ['--child-jobs', String(jobs)]), '--sizes', sizes.join(',')], { env: { ...process.env, ZKCODER_HOME: fresh }, encoding: 'utf8', maxBuffer: 1 << 26 });
      runs[label] = { ...JSON.parse(out.trim().split('\n').pop() ?? '{}'), loadAverageAtStart: Math.round(load) };
    }
    const single = runs.single as { outputs: unknown };
    for (const [label, run] of Object.entries(runs)) (run as { sameOutputsAsSingle?: boolean }).sameOutputsAsSingle = JSON.stringify((run as { outputs: unknown }).outputs) === JSON.stringify(single.outputs);
    results[lang] = runs;
  }
  results.model = `MLP ${sizes.join('-')} (Gemm, Relu, Gemm), weights uniform in ±1/sqrt(fan-in), seed ${SEED}; scale 2^8; --chunk layer gives 3 chunks`;
  results.machine = { cpus: cpus().length, node: process.version };
  mkdirSync('bench/results', { recursive: true });
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  process.stderr.write(`wrote ${RESULTS}\n`);
}

if (process.argv.includes('--child')) {
  await child(arg('--child') as 'circom' | 'noir', arg('--child-jobs') === undefined ? undefined : Number(arg('--child-jobs')));
  process.exit(0);
} else await main();
