/**
 * npm run bench:harness — median times of the harness verbs on Circom circuits of ~100, ~1k and ~10k
 * constraints and comparable Noir programs, plus cold and cached dev-setup times.
 * Writes bench/results/harness.json.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCircuit } from '../compiler-harness/check.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import { NoirBackend } from '../compiler-harness/noir/backend.js';
import { DEV_CRS_POINTS, ensureDevCrs } from '../compiler-harness/setup/crs.js';
import { ensureDevPtau } from '../compiler-harness/setup/ptau.js';
import type { Backend, CompiledCircuit, TargetCircuit } from '../compiler-harness/types.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { median, round, timeMedian } from './stats.js';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 5;
/** Cold dev-setup runs (each in a fresh home) whose median is reported. */
const COLD_RUNS = quick ? 1 : 3;

/** k inputs, each range-checked to 32 bits by circomlib's Num2Bits, summed: ~33·k constraints. */
function circomRangeSum(k: number): TargetCircuit {
  const source = `pragma circom 2.1.0;
include "circomlib/circuits/bitify.circom";
template RangeSum(k) {
    signal input xs[k];
    signal output total;
    component bits[k];
    var acc = 0;
    for (var i = 0; i < k; i++) {
        bits[i] = Num2Bits(32);
        bits[i].in <== xs[i];
        acc += xs[i];
    }
    total <== acc;
}
component main = RangeSum(${k});
`;
  return { lang: 'circom', entry: 'range_sum.circom', files: { 'range_sum.circom': source }, name: `range-sum-${k}` };
}

/** The Noir counterpart: u32 arguments are range-checked by their type. */
function noirRangeSum(k: number): TargetCircuit {
  const source = `fn main(xs: [u32; ${k}]) -> pub Field {
    let mut total: Field = 0;
    for i in 0..${k} {
        total += xs[i] as Field;
    }
    total
}
`;
  return { lang: 'noir', entry: 'src/main.nr', files: { 'src/main.nr': source }, name: `range_sum_${k}` };
}

function vectorsFor(k: number): TestVectors {
  const xs = Array.from({ length: k }, (_, i) => i * 1000 + 7);
  const total = xs.reduce((a, b) => a + b, 0);
  const tooWide = [...xs];
  tooWide[0] = 2 ** 32;
  return {
    accept: [{ inputs: { xs }, outputs: { total } }, { inputs: { xs: xs.map(() => 0) }, outputs: { total: 0 } }],
    reject: [{ inputs: { xs: tooWide }, reason: 'xs[0] is 33 bits wide' }],
    forge: [{ inputs: { xs }, outputs: { total: total + 1 }, reason: 'total is bound to the sum' }],
  };
}

async function measure<C extends CompiledCircuit>(backend: Backend<C>, circuit: TargetCircuit, k: number) {
  const vectors = vectorsFor(k);
  const first = await backend.compile(circuit);
  if (!first.compiled) throw new Error(`${circuit.name}: ${JSON.stringify(first.diagnostics)}`);
  const compiled = first.compiled;
  const inputs = vectors.accept[0].inputs;
  const compile = await timeMedian(quick ? 2 : 3, () => backend.compile(circuit));
  const witness = await timeMedian(runs, () => backend.execute(compiled, inputs));
  const check = await timeMedian(quick ? 2 : 3, async () => {
    const report = await checkCircuit({ backend, circuit, vectors });
    if (!report.passed) throw new Error(`${circuit.name}: ${report.summary}`);
  });
  const run = await backend.execute(compiled, inputs);
  if (!run.ok) throw new Error(run.failure.message);
  const setupStart = performance.now();
  const proof = await backend.prove(compiled, run.witness);
  const firstProveMs = round(performance.now() - setupStart);
  const prove = await timeMedian(quick ? 2 : 3, () => backend.prove(compiled, run.witness), 0);
  const verify = await timeMedian(runs, async () => {
    if (!(await backend.verify(compiled, proof))) throw new Error('proof did not verify');
  });
  return {
    name: circuit.name,
    constraints: compiled.constraintCount,
    gates: compiled.gateCount,
    proofSystem: proof.system,
    medianMs: {
      compile: compile.medianMs,
      witness: witness.medianMs,
      check: check.medianMs,
      firstProveIncludingSetup: firstProveMs,
      prove: prove.medianMs,
      verify: verify.medianMs,
    },
  };
}

/** Dev setup material, cold (a fresh ZKCODER_HOME each run) and cached; medians of COLD_RUNS. */
async function devSetup() {
  const timed = async (fn: () => Promise<unknown>) => {
    const t = performance.now();
    await fn();
    return performance.now() - t;
  };
  const ptauCold: number[] = [];
  const ptauCached: number[] = [];
  const crsCold: number[] = [];
  const crsCached: number[] = [];
  for (let run = 0; run < COLD_RUNS; run++) {
    const home = mkdtempSync(join(tmpdir(), 'zkcoder-bench-home-'));
    try {
      ptauCold.push(await timed(() => ensureDevPtau({ power: 12, home })));
      ptauCached.push(await timed(() => ensureDevPtau({ power: 12, home })));
      crsCold.push(await timed(() => ensureDevCrs({ home })));
      crsCached.push(await timed(() => ensureDevCrs({ home })));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  }
  const summary = (values: number[]) => ({ medianMs: round(median(values)), runsMs: values.map(round) });
  return {
    ptau: { power: 12, cold: summary(ptauCold), cachedMs: round(median(ptauCached)) },
    crs: { points: DEV_CRS_POINTS, cold: summary(crsCold), cachedMs: round(median(crsCached)) },
  };
}

// A fresh home, so each circuit's first proof pays what it pays on a new machine: its dev ptau
// (Circom) or the dev CRS (Noir, once), key generation and the phase-2 contribution.
const benchHome = mkdtempSync(join(tmpdir(), 'zkcoder-bench-harness-'));
const circom = new CircomBackend({ home: benchHome });
const noir = new NoirBackend({ home: benchHome });
try {
  const setup = await devSetup();
  console.log('dev setup', setup);
  const circomResults = [];
  for (const k of quick ? [3, 30] : [3, 30, 300]) {
    circomResults.push(await measure(circom, circomRangeSum(k), k));
    console.log(circomResults.at(-1));
  }
  const noirResults = [];
  for (const k of quick ? [3, 30] : [3, 30, 300]) {
    noirResults.push(await measure(noir, noirRangeSum(k), k));
    console.log(noirResults.at(-1));
  }
  const result = {
    benchmark: 'harness',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    statistic: 'median wall time (ms) after one warm-up run; firstProveIncludingSetup is one cold run in a fresh home (dev ptau or CRS, keys, phase-2 contribution)',
    devSetup: setup,
    circom: circomResults,
    noir: noirResults,
  };
  mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
  writeFileSync(new URL('./results/harness.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  console.log('wrote bench/results/harness.json');
} finally {
  await circom.dispose();
  await noir.dispose();
  await disposeSoundnessAnalysis();
  rmSync(benchHome, { recursive: true, force: true });
}
