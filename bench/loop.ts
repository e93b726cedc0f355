/**
 * npm run bench:loop — what a check and a knowledge-base `generate` cost on real circuits (knowledge-base
 * entries of 2 to ~1.5k constraints, both languages), next to the floors measured in the same run:
 * a bare `node -e 0`, `zkcoder --help`, a bare circom2 compile of the same circuit (its CLI, as a user
 * runs it), one bare noir_wasm compile plus one noir_js execution. Ratios are stage / floor.
 * The check (compile + vectors + soundness with its default budget, as `zkcoder check` runs it) is
 * timed side by side with its floor: floor, check, floor, check, … and the ratio is the median of
 * the per-run ratios, so a load change mid-run moves both. Every figure is a median of three runs;
 * `--quick` takes one run for the stage breakdown and the whole `generate`. Writes bench/results/loop.json.
 * Its `attempts` section (bench/loop-attempts.ts) times the model loop's own work per attempt with a
 * scripted model: four tasks of ~10 to ~800 constraints in both languages (`--quick`: the smallest
 * and the largest); `--attempts-only` runs just that section and puts it into the loop.json there;
 * `--only=softmax,dense` runs just those entries and prints them without writing.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { compile, createFileManager } from '@noir-lang/noir_wasm';
import { Noir } from '@noir-lang/noir_js';
import { runAgent } from '../agent/run-agent.js';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { NoirBackend } from '../compiler-harness/noir/backend.js';
import { analyzeCompiled, disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import { toNoirInputs } from '../compiler-harness/noir/acir.js';
import type { Backend, CompiledCircuit, Inputs, TargetCircuit } from '../compiler-harness/types.js';
import { loadTestVectors } from '../compiler-harness/vectors/schema.js';
import { runVectors } from '../compiler-harness/vectors/run.js';
import { checkCircuit } from '../compiler-harness/check.js';
import { MANY_COMPILES } from '../compiler-harness/timed-worker.js';
import { processTreeCpuMs } from './process-cpu.js';
import type { TestVectors } from '../compiler-harness/vectors/schema.js';
import { loadEntries, type KnowledgeEntry } from '../knowledge-base/entry.js';
import { circomCircuit, noirCircuit } from '../knowledge-base/verify.js';
import { median, round, timeMedian } from './stats.js';
import { attemptsSection } from './loop-attempts.js';
import { KnowledgeBase } from '../knowledge-base/search.js';

const run = promisify(execFile);
const quick = process.argv.includes('--quick');
const attemptsOnly = process.argv.includes('--attempts-only');
/** Runs per figure: floors and checks always three (the ratios the issue asks for are medians). */
const runs = 3;
const stageRuns = quick ? 1 : 3;
/** `--only=softmax,dense`: those entries, printed and not written (a quick look, not a result). */
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
const ENTRIES = ['softmax', 'is-zero', 'relu', 'int-div-rem', 'dense', 'num2bits', 'exp-lookup', 'greater-than', 'max', 'argmax', 'layernorm', 'poseidon-commitment', 'merkle-inclusion'];
const root = join(dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(import.meta.url);

/** Median wall time of `runs` spawns of a command (after one warm-up). */
async function timeSpawn(file: string, args: string[], cwd = root): Promise<number> {
  return (await timeMedian(runs, () => run(file, args, { cwd, maxBuffer: 16 * 1024 * 1024 }))).medianMs;
}

/** The floor for Circom: the circom2 CLI compiling the same main component (R1CS + witness WASM). */
function bareCircom(circuit: TargetCircuit, entry: KnowledgeEntry): { once: () => Promise<unknown>; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zkcoder-bench-circom-'));
  cpSync(join(entry.dir, entry.circom.file), join(dir, circuit.entry));
  const publics = circuit.publicInputs?.length ? ` {public [${circuit.publicInputs.join(', ')}]}` : '';
  writeFileSync(join(dir, 'main.circom'), `pragma circom 2.0.0;\ninclude "${circuit.entry}";\ncomponent main${publics} = ${circuit.template}(${(circuit.params ?? []).join(', ')});\n`);
  // circom2 runs under WASI and sees only the working folder and its parents: circomlib goes inside.
  cpSync(join(dirname(require.resolve('circomlib/package.json')), 'circuits'), join(dir, 'circomlib', 'circuits'), { recursive: true });
  const cli = require.resolve('circom2/cli.js');
  return {
    once: () => run(process.execPath, [cli, 'main.circom', '--r1cs', '--wasm', '-l', '.', '-o', '.'], { cwd: dir, maxBuffer: 16 * 1024 * 1024 }),
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The check as `zkcoder check` runs it (soundness on, default budget, no proof), timed side by side
 * with its floor: one floor run, one check, `runs` times after a warm-up of each.
 */
async function sideBySide(floor: () => Promise<unknown>, check: () => Promise<unknown>) {
  await floor();
  await check();
  const floorMs: number[] = [];
  const checkMs: number[] = [];
  const floorCpuMs: number[] = [];
  const checkCpuMs: number[] = [];
  const timed = async (fn: () => Promise<unknown>, wall: number[], cpu: number[]) => {
    const [start, cpuStart] = [performance.now(), processTreeCpuMs()];
    await fn();
    wall.push(performance.now() - start);
    cpu.push(processTreeCpuMs() - cpuStart);
  };
  for (let i = 0; i < runs; i++) {
    await timed(floor, floorMs, floorCpuMs);
    await timed(check, checkMs, checkCpuMs);
  }
  const ratioOf = (a: number[], b: number[]) => Math.round(median(a.map((ms, i) => ms / b[i])) * 10) / 10;
  return {
    floorMs: round(median(floorMs)),
    checkMs: round(median(checkMs)),
    ratio: ratioOf(checkMs, floorMs),
    cpu: { floorMs: round(median(floorCpuMs)), checkMs: round(median(checkCpuMs)), ratio: ratioOf(checkCpuMs, floorCpuMs) },
    runsMs: { floor: floorMs.map(round), check: checkMs.map(round) },
  };
}

/** The floor for Noir: one noir_wasm compile of the project plus one noir_js execution, in this process. */
function bareNoir(circuit: TargetCircuit, inputs: Record<string, unknown>): { once: () => Promise<unknown>; dispose: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'zkcoder-bench-noir-'));
  const files = { 'Nargo.toml': `[package]\nname = "${circuit.name}"\ntype = "bin"\nauthors = [""]\n[dependencies]\n`, ...circuit.files };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const once = async () => {
    const silent = console.log;
    console.log = () => undefined; // noir_wasm prints "Compiling at …"
    const program = await compile(createFileManager(dir)).finally(() => (console.log = silent));
    // The harness's own encoding of vector inputs (negative values as field elements, as noir_js wants).
    const noirInputs = toNoirInputs(inputs as Inputs, program.program!.abi.parameters) as Parameters<Noir['execute']>[0];
    await new Noir(program.program!).execute(noirInputs);
  };
  return { once, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

async function stages(backend: Backend, circuit: TargetCircuit, vectorsFile: string) {
  const vectors = await loadTestVectors(vectorsFile);
  let compiled: CompiledCircuit | undefined;
  const compile = await timeMedian(stageRuns, async () => {
    const result = await backend.compile(circuit);
    if (!result.compiled) throw new Error(`${circuit.name}: ${JSON.stringify(result.diagnostics).slice(0, 400)}`);
    compiled = result.compiled;
  });
  const vectorRuns = await timeMedian(stageRuns, () => runVectors(backend, compiled!, vectors));
  const inputs = vectors.accept[0].inputs;
  let verdict = '';
  const soundness = await timeMedian(stageRuns, async () => {
    verdict = (await analyzeCompiled(compiled!, inputs)).verdict;
  });
  const executed = await backend.execute(compiled!, inputs);
  if (!executed.ok) throw new Error(`${circuit.name}: ${executed.failure.message}`);
  const proof = await backend.prove(compiled!, executed.witness); // the first proof makes the keys
  const prove = await timeMedian(stageRuns, () => backend.prove(compiled!, executed.witness), 0);
  const verify = await timeMedian(stageRuns, () => backend.verify(compiled!, proof), 0);
  return {
    vectors,
    constraints: compiled!.constraintCount,
    soundnessVerdict: verdict,
    inputs,
    medianMs: { compile: compile.medianMs, vectors: vectorRuns.medianMs, soundness: soundness.medianMs, prove: prove.medianMs, verify: verify.medianMs },
  };
}

const loadAverageAtStart = loadavg()[0];
const ratio = (value: number, floor: number) => Math.round((value / floor) * 10) / 10;
const home = process.env.ZKCODER_HOME ?? join(root, '.zkcoder', 'home');
const circom = new CircomBackend({ home });
// One backend checks every entry several times, warm, as the floors run warm in this process: a long
// session, so its Noir compiler process optimises its hot code (a one-shot `zkcoder check` does not).
const noir = new NoirBackend({ home, compiles: MANY_COMPILES });
try {
  if (attemptsOnly) {
    await writeAttempts();
    process.exit(0);
  }
  const nodeMs = await timeSpawn(process.execPath, ['-e', '0']);
  const helpMs = await timeSpawn(process.execPath, [join(root, 'bin', 'zkcoder.js'), '--help']);
  const floors = { nodeMs, zkcoderHelpMs: helpMs, helpRatio: ratio(helpMs, nodeMs) };
  console.log('floors', floors);
  const all = await loadEntries();
  const results = [];
  for (const id of only ?? ENTRIES) {
    const entry = all.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`no knowledge-base entry ${id}`);
    const circomTarget = (await circomCircuit(entry))!;
    const noirTarget = (await noirCircuit(entry))!;
    const circomStages = await stages(circom, circomTarget, join(entry.dir, entry.circom.vectors ?? 'vectors.json'));
    const noirStages = await stages(noir, noirTarget, join(entry.dir, entry.noir.vectors ?? 'vectors.json'));
    const check = async (backend: Backend, circuit: TargetCircuit, vectors: TestVectors) => {
      const report = await checkCircuit({ backend, circuit, vectors });
      if (!report.passed) throw new Error(`${circuit.name}: the check did not pass: ${report.summary}`);
    };
    const circomBare = bareCircom(circomTarget, entry);
    const circomCheck = await sideBySide(circomBare.once, () => check(circom, circomTarget, circomStages.vectors)).finally(circomBare.dispose);
    const noirBare = bareNoir(noirTarget, noirStages.inputs);
    const noirCheck = await sideBySide(noirBare.once, () => check(noir, noirTarget, noirStages.vectors)).finally(noirBare.dispose);
    const out = mkdtempSync(join(tmpdir(), 'zkcoder-bench-generate-'));
    let summary = '';
    // The process's warm backends are lent to the run, as eval does: workers, keys and z3 stay warm.
    const generate = await timeMedian(stageRuns, async () => {
      const events = runAgent({ task: entry.name, languages: ['circom', 'noir'], prove: true, home, workingDir: out, outDir: join(out, `run-${Date.now()}`), backends: { circom, noir } });
      for (;;) {
        const next = await events.next();
        if (next.done) {
          summary = next.value.summary;
          break;
        }
      }
    }, 0);
    rmSync(out, { recursive: true, force: true });
    const result = {
      id,
      circom: { constraints: circomStages.constraints, soundness: circomStages.soundnessVerdict, medianMs: circomStages.medianMs, floorMs: circomCheck.floorMs, checkMs: circomCheck.checkMs, checkRatio: circomCheck.ratio, cpu: circomCheck.cpu, runsMs: circomCheck.runsMs },
      noir: { opcodes: noirStages.constraints, soundness: noirStages.soundnessVerdict, medianMs: noirStages.medianMs, floorMs: noirCheck.floorMs, checkMs: noirCheck.checkMs, checkRatio: noirCheck.ratio, cpu: noirCheck.cpu, runsMs: noirCheck.runsMs },
      generate: { medianMs: generate.medianMs, summary },
    };
    console.log(JSON.stringify(result));
    results.push(result);
    if (!only) writeResults(floors, results);
  }
  if (!only) await writeAttempts();
} finally {
  await circom.dispose();
  await noir.dispose();
  await disposeSoundnessAnalysis();
}

/** The model loop per attempt, written into loop.json (kept as it is otherwise). */
async function writeAttempts(): Promise<void> {
  const knowledgeBase = await KnowledgeBase.open({ home });
  const attempts = await attemptsSection({ quick, backends: { circom, noir }, home, knowledgeBase, entries: await loadEntries(), onResult: (r) => console.log(JSON.stringify(r)) });
  const file = join(root, 'bench', 'results', 'loop.json');
  const output = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  output.attempts = { date: new Date().toISOString(), quick, loadAverage: loadavg()[0], ...attempts };
  writeFileSync(file, `${JSON.stringify(output, null, 2)}\n`);
  console.log('wrote the attempts section of bench/results/loop.json', JSON.stringify(attempts.medians, null, 2));
}

/** Written after every entry, so that a long run interrupted part-way still leaves its figures. */
function writeResults(floors: Record<string, number>, results: { circom: { checkRatio: number; cpu: { ratio: number } }; noir: { checkRatio: number; cpu: { ratio: number } }; generate: { medianMs: number } }[]): void {
  const output = {
    benchmark: 'loop',
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, loadAverageAtStart, loadAverageAtEnd: loadavg()[0] },
    complete: results.length === ENTRIES.length,
    statistic: `median wall time (ms) in one process with warm workers. check = checkCircuit (compile + vectors + soundness at its default budget), ${runs} runs alternating with its floor after a warm-up of each; checkRatio = median of the per-run ratios; cpu = the same in CPU time (all threads, and child processes: the bare CLI, the toolchains' compiler processes), which other load hardly moves. Stage breakdown (medianMs) and generate: ${stageRuns} run(s)`,
    floors,
    medians: {
      circomCheckRatio: median(results.map((r) => r.circom.checkRatio)),
      noirCheckRatio: median(results.map((r) => r.noir.checkRatio)),
      circomCheckCpuRatio: median(results.map((r) => r.circom.cpu.ratio)),
      noirCheckCpuRatio: median(results.map((r) => r.noir.cpu.ratio)),
      generateMs: median(results.map((r) => r.generate.medianMs)),
    },
    entries: results,
  };
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  writeFileSync(join(root, 'bench', 'results', 'loop.json'), `${JSON.stringify(output, null, 2)}\n`);
  console.log(`wrote bench/results/loop.json (${results.length} of ${ENTRIES.length} entries)`, output.medians);
}
