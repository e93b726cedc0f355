/**
 * npm run bench:harness — median times of the harness verbs on Circom circuits of ~100, ~1k and ~10k
 * constraints and comparable Noir programs, plus cold and cached dev-setup times.
 * Writes bench/results/harness.json.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkCircuit } from '../compiler-harness/check.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import { NoirBackend } from '../compiler-harness/noir/backend.js';
import { ensureDevCrs } from '../compiler-harness/setup/crs.js';
import { ensureDevPtau } from '../compiler-harness/setup/ptau.js';
import type { Backend, CompiledCircuit, TargetCircuit } from '../compiler-harness/types.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { round, timeMedian } from './stats.js';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 5;

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

async function devSetup() {
  const home = mkdtempSync(join(tmpdir(), 'zkcoder-bench-home-'));
  let t = performance.now();
  const ptau = await ensureDevPtau({ power: 12, home });
  const ptauCold = round(performance.now() - t);
  t = performance.now();
  await ensureDevPtau({ power: 12, home });
  const ptauCached = round(performance.now() - t);
  t = performance.now();
  const crs = await ensureDevCrs({ home });
  const crsCold = round(performance.now() - t);
  t = performance.now();
  await ensureDevCrs({ home });
  const crsCached = round(performance.now() - t);
  return { ptau: { power: ptau.power, coldMs: ptauCold, cachedMs: ptauCached }, crs: { points: crs.points, coldMs: crsCold, cachedMs: crsCached } };
}

const circom = new CircomBackend();
const noir = new NoirBackend();
try {
  const setup = await devSetup();
  console.log('dev setup', setup);
  const circomResults = [];
  for (const k of quick ? [3, 30] : [3, 30, 300]) {
    circomResults.push(await measure(circom, circomRangeSum(k), k));
    console.log(circomResults.at(-1));
  }
  const noirResults = [];
  for (const k of [3, 30]) {
    noirResults.push(await measure(noir, noirRangeSum(k), k));
    console.log(noirResults.at(-1));
  }
  const result = {
    benchmark: 'harness',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version },
    statistic: 'median wall time (ms) after one warm-up run',
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
}
