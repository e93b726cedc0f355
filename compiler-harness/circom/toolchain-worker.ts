/**
 * Runs inside a TimedWorker (a child process without wasm tier-up, see backend.ts): the circom
 * compiler (WASI) and the circom witness generator (WASM). Both can loop forever on a bad circuit,
 * which is why they live in a worker we can stop.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { serveJobs } from '../worker-jobs.js';
import { bindings, ReusingCircomRunner } from './circom-runner.js';

const require = createRequire(import.meta.url);
let compilerWasm: Buffer | undefined;

export interface CompileJob {
  /** Host folder holding the sources; it becomes the compiler's working directory. */
  buildDir: string;
  /** Main file, relative to buildDir. */
  mainFile: string;
  /** The circomlib package folder, mounted read-only-by-convention at `libraryMount`. */
  libraryRoot: string;
  /** Where circomlib appears to circom: library includes were rewritten to point there. */
  libraryMount: string;
  /** Output folder, relative to buildDir. */
  outDir: string;
  optimization?: 0 | 1 | 2;
}

export interface CompileJobResult {
  exitCode: number;
  output: string;
}

async function compile(job: CompileJob): Promise<CompileJobResult> {
  compilerWasm ??= fs.readFileSync(require.resolve('circom2/circom.wasm'));
  fs.mkdirSync(`${job.buildDir}/${job.outDir}`, { recursive: true });
  let output = '';
  const writeSync = fs.writeSync;
  // circom writes to fds 1 and 2 through fs.writeSync: capture instead of printing.
  (fs as { writeSync: unknown }).writeSync = (fd: number, data: unknown, ...rest: unknown[]) => {
    if (fd !== 1 && fd !== 2) return (writeSync as (...a: unknown[]) => number)(fd, data, ...rest);
    const text = typeof data === 'string' ? data : Buffer.from(data as Uint8Array).toString();
    output += text;
    return typeof data === 'string' ? Buffer.byteLength(data) : (data as Uint8Array).byteLength;
  };
  let exitCode = 0;
  try {
    // The WASI sandbox opens only these two folders (and refuses `..` and symlinks out of them): no
    // `-l` library path, every include was resolved and checked before (see includes.ts).
    const runner = new ReusingCircomRunner({
      args: [job.mainFile, '--r1cs', '--wasm', '--sym', '--inspect', `--O${job.optimization ?? 1}`, '-o', job.outDir],
      env: {},
      // Real paths: the sandbox compares every opened file's real path with its folder's.
      preopens: { '.': fs.realpathSync(job.buildDir), [job.libraryMount]: fs.realpathSync(job.libraryRoot) },
      bindings: { ...bindings, fs },
    });
    await runner.execute(compilerWasm);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'number') exitCode = code;
    else {
      exitCode = 1;
      output += `\n${(error as Error).message}`;
    }
  } finally {
    (fs as { writeSync: unknown }).writeSync = writeSync;
  }
  return { exitCode, output };
}

export interface WitnessJob {
  wasmPath: string;
  /** Inputs with every leaf already a decimal string. */
  inputs: Record<string, unknown>;
}

export type WitnessJobResult = { ok: true; witness: string[] } | { ok: false; message: string };

type WitnessCalculatorBuilder = (
  code: Uint8Array,
  options: object,
) => Promise<{ calculateWitness(input: unknown, sanityCheck: boolean): Promise<bigint[]> }>;

type Calculator = Promise<{ calculateWitness(i: unknown, s: boolean): Promise<bigint[]> }>;

/**
 * Witness calculators by wasm file, with the file's identity: this process outlives the backend
 * that compiled a circuit (TimedWorker.release), so a calculator is used only for the very file
 * it was made from, and those of deleted build folders are dropped.
 */
const calculators = new Map<string, { file: string; calculator: Calculator }>();

function fileIdentity(path: string): string {
  const { ino, size, mtimeMs } = fs.statSync(path);
  return `${ino}:${size}:${mtimeMs}`;
}

async function witness(job: WitnessJob): Promise<WitnessJobResult> {
  const file = fileIdentity(job.wasmPath);
  const cached = calculators.get(job.wasmPath);
  let calculator = cached?.file === file ? cached.calculator : undefined;
  if (!calculator) {
    for (const path of calculators.keys()) if (!fs.existsSync(path)) calculators.delete(path);
    // circom writes a dependency-free witness_calculator.js next to the wasm. We use it rather than
    // circom_runtime because that pulls in ffjavascript, whose web-worker shim breaks inside a worker.
    const builder = require(join(job.wasmPath, '..', 'witness_calculator.js')) as WitnessCalculatorBuilder;
    calculator = builder(fs.readFileSync(job.wasmPath), {});
    calculators.set(job.wasmPath, { file, calculator });
  }
  const inputs = Object.fromEntries(
    Object.entries(job.inputs).map(([k, v]) => [k, deepBigInt(v)]),
  );
  try {
    const values = await (await calculator).calculateWitness(inputs, true);
    return { ok: true, witness: values.map((v) => v.toString()) };
  } catch (error) {
    // The generated calculator keeps its error text (and the wasm instance its state) across calls:
    // after a failure, start from a fresh one.
    calculators.delete(job.wasmPath);
    return { ok: false, message: (error as Error).message };
  }
}

function deepBigInt(value: unknown): unknown {
  return Array.isArray(value) ? value.map(deepBigInt) : BigInt(value as string);
}

serveJobs({ compile, witness });
