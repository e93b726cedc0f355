import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { toFieldElement } from '../field.js';
import { removeTemporaryFolder } from '../files/temporary-folders.js';
import { LIFTOFF_ONLY, siblingModule, TimedWorker } from '../timed-worker.js';
import type {
  Backend,
  CompileOptions,
  CompileResult,
  CompiledCircuit,
  ExecuteResult,
  ForgeResult,
  HarnessOptions,
  Inputs,
  Proof,
  ProofSystem,
  TargetCircuit,
  Value,
  Witness,
} from '../types.js';
import { prepareSources } from './build-folder.js';
import { CIRCOMLIB_MOUNT, CIRCOMLIB_ROOT } from './includes.js';
import { parseCircomOutput, parseConstraintCount } from './diagnostics.js';
import { firstViolatedConstraint, readR1cs, type R1cs } from './r1cs.js';
import { describeWitnessFailure } from './runtime-failure.js';
import { flattenToShape, mainSignals, parseSym, signalValue, type MainSignal } from './signals.js';
import type { CompileJobResult, WitnessJobResult } from './toolchain-worker.js';
import { stripAnsi } from '../text.js';

/** Inputs the optimiser merged into another signal (`out <== x`): they have no wire of their own. */
export function mergedInputs(compiled: CircomCompiled): string[] {
  return compiled.signals.filter((s) => s.role !== 'output' && s.wires.includes(-1)).map((s) => s.name);
}

export interface CircomCompiled extends CompiledCircuit {
  lang: 'circom';
  /** The file given to circom (the entry, or the generated main wrapper), relative to buildDir. */
  mainFile: string;
  /** Every source circom saw, by relative path. */
  files: Record<string, string>;
  r1csPath: string;
  wasmPath: string;
  symPath: string;
  r1cs: R1cs;
  signals: MainSignal[];
}

const DEFAULT_TIMEOUT_MS = 60_000;

/** Circom through circom2 (WASI) and snarkjs: compiler and witness in a child process, snarkjs in this one. */
export class CircomBackend implements Backend<CircomCompiled> {
  readonly lang = 'circom' as const;
  /**
   * circom2 and the witness generators, in a child process on V8's baseline code only: for circom2
   * optimised code never paid off, even over the eval suite's 130 compiles (13.9 CPU-s baseline-only,
   * 14.4–15.2 with tier-up, in a thread or a process).
   */
  private readonly worker = new TimedWorker(siblingModule('toolchain-worker', import.meta.url), { process: { v8Flags: LIFTOFF_ONLY } });
  private readonly timeoutMs: number;
  private usedSnarkjs = false;
  /** Build folders of compiled circuits: their wasm and R1CS are read until the backend is disposed. */
  private readonly buildDirs = new Set<string>();

  constructor(private readonly options: HarnessOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  async compile(circuit: TargetCircuit, options: CompileOptions = {}): Promise<CompileResult<CircomCompiled>> {
    const start = performance.now();
    const done = (partial: Omit<CompileResult<CircomCompiled>, 'lang' | 'durationMs'>) => ({
      lang: this.lang,
      durationMs: performance.now() - start,
      ...partial,
    });
    const prepared = await prepareSources(circuit);
    if (!('buildDir' in prepared)) return done({ ok: false, diagnostics: [prepared], rawOutput: '' });
    this.buildDirs.add(prepared.buildDir);
    // A folder that compiled nothing is of no further use; one that did is kept until dispose.
    const result = await this.compileIn(circuit, prepared, options);
    if (!result.ok) await this.release(prepared.buildDir);
    return done(result);
  }

  private async compileIn(
    circuit: TargetCircuit,
    { buildDir, mainFile, files }: { buildDir: string; mainFile: string; files: Record<string, string> },
    options: CompileOptions,
  ): Promise<Omit<CompileResult<CircomCompiled>, 'lang' | 'durationMs'>> {
    const outcome = await this.worker.run<CompileJobResult>(
      'compile',
      { buildDir, mainFile, libraryRoot: CIRCOMLIB_ROOT, libraryMount: CIRCOMLIB_MOUNT, outDir: 'out', optimization: options.optimization },
      this.timeoutMs,
    );
    if (outcome.timedOut) {
      const message = `circom compile timed out after ${this.timeoutMs} ms (a loop that never ends in a function or template?)`;
      return { ok: false, timedOut: true, diagnostics: [{ severity: 'error', message }], rawOutput: '' };
    }
    const rawOutput = stripAnsi(outcome.value.output);
    const diagnostics = parseCircomOutput(rawOutput, files);
    if (outcome.value.exitCode !== 0) {
      if (!diagnostics.some((d) => d.severity === 'error')) {
        diagnostics.push({ severity: 'error', message: `circom exited with code ${outcome.value.exitCode}` });
      }
      return { ok: false, diagnostics, rawOutput };
    }
    const base = mainFile.replace(/\.circom$/, '').split('/').pop()!;
    const out = join(buildDir, 'out');
    const r1csPath = join(out, `${base}.r1cs`);
    const symPath = join(out, `${base}.sym`);
    const r1cs = await readR1cs(r1csPath);
    const signals = mainSignals(r1cs, parseSym(await readFile(symPath, 'utf8')));
    const compiled: CircomCompiled = {
      lang: 'circom',
      circuit,
      buildDir,
      mainFile,
      files,
      r1csPath,
      symPath,
      wasmPath: join(out, `${base}_js`, `${base}.wasm`),
      r1cs,
      signals,
      constraintCount: parseConstraintCount(rawOutput) ?? r1cs.constraints.length,
      inputNames: signals.filter((s) => s.role !== 'output').map((s) => s.name),
      outputNames: signals.filter((s) => s.role === 'output').map((s) => s.name),
    };
    return { ok: true, diagnostics, rawOutput, compiled };
  }

  async execute(compiled: CircomCompiled, inputs: Inputs): Promise<ExecuteResult> {
    const start = performance.now();
    const failed = (failure: Extract<ExecuteResult, { ok: false }>['failure']): ExecuteResult => ({
      ok: false,
      failure,
      durationMs: performance.now() - start,
    });
    let prepared: Record<string, unknown>;
    try {
      prepared = prepareInputs(compiled, inputs);
    } catch (error) {
      return failed({ kind: 'input', message: (error as Error).message, raw: (error as Error).message });
    }
    const outcome = await this.worker.run<WitnessJobResult>('witness', { wasmPath: compiled.wasmPath, inputs: prepared }, this.timeoutMs);
    if (outcome.timedOut) {
      const message = `witness generation timed out after ${this.timeoutMs} ms`;
      return failed({ kind: 'timeout', message, raw: message });
    }
    if (!outcome.value.ok) return failed(describeWitnessFailure(outcome.value.message, compiled.files));
    const witness = outcome.value.witness.map(BigInt);
    return { ok: true, outputs: outputsOf(compiled, witness), witness: { lang: 'circom', data: witness }, durationMs: performance.now() - start };
  }

  async checkWitness(compiled: CircomCompiled, witness: Witness): Promise<boolean> {
    return firstViolatedConstraint(compiled.r1cs, witness.data as bigint[]) === -1;
  }

  async forge(compiled: CircomCompiled, inputs: Inputs, outputs: Record<string, unknown>): Promise<ForgeResult> {
    const honest = await this.execute(compiled, inputs);
    if (!honest.ok) return { accepted: false, detail: `honest execution already fails: ${honest.failure.message}` };
    const witness = [...(honest.witness.data as bigint[])];
    for (const [name, value] of Object.entries(outputs)) {
      const signal = compiled.signals.find((s) => s.name === name && s.role === 'output');
      if (!signal) throw new TypeError(`forge vector names output "${name}", but the circuit's outputs are: ${compiled.outputNames.join(', ') || '(none)'}`);
      const flat = flattenToShape(value, signal.shape, name);
      signal.wires.forEach((wire, i) => (witness[wire] = toFieldElement(flat[i], `${name}`, compiled.r1cs.prime)));
    }
    const honestWitness = honest.witness.data as bigint[];
    if (witness.every((v, i) => v === honestWitness[i])) {
      return { accepted: true, detail: 'the claimed outputs equal the honest outputs: this forge vector forges nothing' };
    }
    const violated = firstViolatedConstraint(compiled.r1cs, witness);
    return violated === -1
      ? { accepted: true, detail: 'a witness with the forged outputs satisfies every constraint: the outputs are under-constrained' }
      : { accepted: false, detail: `forged witness violates constraint #${violated}` };
  }

  async prove(compiled: CircomCompiled, witness: Witness, options: { system?: ProofSystem } = {}): Promise<Proof> {
    const system = options.system ?? 'groth16';
    if (system !== 'groth16' && system !== 'plonk') throw new Error(`Circom proofs use groth16 or plonk, not ${system}`);
    this.usedSnarkjs = true;
    const { proveCircom } = await import('./prove.js');
    return proveCircom(compiled, witness.data as bigint[], system, this.options);
  }

  /** Checks the proof against this circuit's own verification key, not the one the proof carries. */
  async verify(compiled: CircomCompiled, proof: Proof): Promise<boolean> {
    this.usedSnarkjs = true;
    const { verifyCircom } = await import('./prove.js');
    return verifyCircom(compiled, proof, this.options);
  }

  private async release(buildDir: string): Promise<void> {
    this.buildDirs.delete(buildDir);
    await removeTemporaryFolder(buildDir);
  }

  async dispose(): Promise<void> {
    // The compiler process is kept for the next backend of this process (TimedWorker.release).
    await this.worker.release();
    for (const dir of this.buildDirs) await this.release(dir);
    if (!this.usedSnarkjs) return;
    // snarkjs caches the curve with its worker threads; they keep the process alive until terminated.
    const snarkjs = await import('snarkjs');
    const curve = await snarkjs.curves.getCurveFromName('bn128');
    await curve.terminate();
  }
}

/** Check the inputs against main's input signals and normalise every leaf to a decimal string. */
function prepareInputs(compiled: CircomCompiled, inputs: Inputs): Record<string, unknown> {
  const expected = compiled.signals.filter((s) => s.role !== 'output');
  const names = expected.map((s) => s.name);
  for (const name of Object.keys(inputs)) {
    if (!names.includes(name)) throw new TypeError(`the circuit has no input signal "${name}" (its inputs: ${names.join(', ') || 'none'})`);
  }
  // Keyed by signal names: no name may be special (`__proto__` set on `{}` would change its prototype).
  const prepared: Record<string, unknown> = Object.create(null);
  for (const signal of expected) {
    if (!Object.hasOwn(inputs, signal.name)) throw new TypeError(`missing input "${signal.name}"`);
    const flat = flattenToShape(inputs[signal.name], signal.shape, signal.name);
    prepared[signal.name] = flat.map((v, i) => toFieldElement(v, `${signal.name}${signal.shape.length ? `[${i}]` : ''}`, compiled.r1cs.prime).toString());
  }
  return prepared;
}

function outputsOf(compiled: CircomCompiled, witness: bigint[]): Record<string, Value> {
  return Object.fromEntries(compiled.signals.filter((s) => s.role === 'output').map((s) => [s.name, signalValue(s, witness)]));
}
