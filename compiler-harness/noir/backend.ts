/**
 * The Noir backend: noir_wasm compiles, noir_js (ACVM) executes — both in a TimedWorker so a
 * runaway program is stopped — and bb.js proves, verifies and checks forged witnesses (UltraHonk).
 */
import type { CompiledCircuit as NoirProgram } from '@noir-lang/noir_js';
import { removeTemporaryFolder } from '../files/temporary-folders.js';
import type { TimedWorker } from '../timed-worker.js';
import { noirToolchainWorker } from './toolchain.js';
import type {
  Backend,
  CompileResult,
  CompiledCircuit,
  Diagnostic,
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
import { bbUnenforcedOpcodes } from './acir-check.js';
import { acirBytes, countAcirOpcodes, toDecimalValue, toNoirInputs, toWitnessHex } from './acir.js';
import { SharedBarretenberg } from './barretenberg.js';
import { executionFailure, parseCompileErrors } from './diagnostics.js';
import { forgeReturnValue } from './forge.js';
import type { CompileJobResult, ExecuteJobResult } from './toolchain-worker.js';
import { writeNargoProject } from './project-folder.js';

export interface NoirCompiledCircuit extends CompiledCircuit {
  lang: 'noir';
  /** The noir_wasm artefact: base64 gzipped ACIR, ABI, debug symbols, file map. */
  program: NoirProgram;
}

const DEFAULT_TIMEOUT_MS = 60_000;

export class NoirBackend implements Backend<NoirCompiledCircuit> {
  readonly lang = 'noir' as const;
  private readonly timeoutMs: number;
  private readonly worker: TimedWorker;
  private readonly barretenberg: SharedBarretenberg;

  constructor(private readonly options: HarnessOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.worker = noirToolchainWorker(options.compiles);
    this.barretenberg = new SharedBarretenberg({ home: options.home, crsPath: options.crsPath });
  }

  async compile(circuit: TargetCircuit): Promise<CompileResult<NoirCompiledCircuit>> {
    const started = Date.now();
    const failed = (diagnostics: Diagnostic[], rawOutput = '', timedOut = false) => ({
      lang: 'noir' as const,
      ok: false,
      diagnostics,
      rawOutput,
      durationMs: Date.now() - started,
      ...(timedOut ? { timedOut } : {}),
    });
    const project = writeNargoProject(circuit);
    if (!project.ok) return failed([project.diagnostic]);
    const { buildDir, root } = project;
    // The compiled program lives in memory: the sources' folder is needed only while compiling.
    const outcome = await this.worker
      .run<CompileJobResult>('compile', { projectDir: buildDir, readRoot: root }, this.timeoutMs)
      .finally(() => removeTemporaryFolder(root));
    if (outcome.timedOut) {
      return failed([{ severity: 'error', message: `compile timed out after ${this.timeoutMs} ms` }], '', true);
    }
    const job = outcome.value;
    if (!job.ok) {
      return failed(parseCompileErrors(job.message, { projectDir: buildDir, files: circuit.files }), job.message);
    }
    const { program } = job;
    const acir = acirBytes(program.bytecode);
    const [gates] = await this.barretenberg.circuitSize(acir);
    const compiled: NoirCompiledCircuit = {
      lang: 'noir',
      circuit,
      buildDir,
      program,
      constraintCount: countAcirOpcodes(acir).main,
      gateCount: gates,
      inputNames: program.abi.parameters.map((p) => p.name),
      outputNames: program.abi.return_type ? ['return'] : [],
    };
    const durationMs = Date.now() - started;
    const diagnostics = unenforcedWarnings(acir);
    return { lang: 'noir', ok: true, diagnostics, rawOutput: job.log.trim(), durationMs, compiled };
  }

  async execute(compiled: NoirCompiledCircuit, inputs: Inputs): Promise<ExecuteResult> {
    const started = Date.now();
    // noir_js ignores inputs main does not take; a misspelt name in a test vector should not pass.
    const unknown = Object.keys(inputs).filter((name) => !compiled.inputNames.includes(name));
    if (unknown.length > 0) {
      const quote = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');
      const message = `unknown input ${quote(unknown)}; main takes ${quote(compiled.inputNames) || 'no inputs'}`;
      const durationMs = Date.now() - started;
      return { ok: false, failure: { kind: 'input', message, raw: message }, durationMs };
    }
    const outcome = await this.runProgram(compiled, inputs);
    const durationMs = Date.now() - started;
    if (outcome.timedOut) {
      const message = `execution timed out after ${this.timeoutMs} ms`;
      return { ok: false, failure: { kind: 'timeout', message, raw: message }, durationMs };
    }
    const job = outcome.value;
    if (!job.ok) return { ok: false, failure: executionFailure(job, compiled.buildDir), durationMs };
    const outputs: Record<string, Value> = {};
    if (compiled.program.abi.return_type) outputs.return = toDecimalValue(job.returnValue);
    return { ok: true, outputs, witness: { lang: 'noir', data: job.witness }, durationMs };
  }

  async checkWitness(compiled: NoirCompiledCircuit, witness: Witness): Promise<boolean> {
    const verdict = await this.barretenberg.satisfies(compiled.program.bytecode, witnessBytes(witness));
    return verdict.ok;
  }

  async forge(
    compiled: NoirCompiledCircuit,
    inputs: Inputs,
    outputs: Record<string, unknown>,
  ): Promise<ForgeResult> {
    const honest = await this.execute(compiled, inputs);
    if (!honest.ok) {
      // No honest witness to edit: the inputs themselves are refused.
      const { kind, message } = honest.failure;
      return { accepted: false, detail: `honest execution failed (${kind}): ${message}` };
    }
    return forgeReturnValue({
      program: compiled.program,
      inputs,
      outputs,
      honestWitness: witnessBytes(honest.witness),
      satisfies: (witness) => this.barretenberg.satisfies(compiled.program.bytecode, witness),
    });
  }

  async prove(
    compiled: NoirCompiledCircuit,
    witness: Witness,
    options: { system?: ProofSystem } = {},
  ): Promise<Proof> {
    const system = options.system ?? 'ultrahonk';
    if (system !== 'ultrahonk') throw new Error(`the Noir backend proves with UltraHonk only, not ${system}`);
    // A proof that bb.js would accept with a violated opcode proves nothing: refuse rather than hand it out.
    const unenforced = bbUnenforcedOpcodes(acirBytes(compiled.program.bytecode)) ?? [];
    if (unenforced.length > 0) {
      throw new Error(
        `refusing to prove: bb.js 0.86 does not enforce ACIR opcode${unenforced.length > 1 ? 's' : ''} ${unenforced.map((u) => `#${u.index}`).join(', ')} ` +
          '(one product and three more witnesses in one expression), so the proof could claim false outputs; ' +
          'give the product a witness of its own (`let t = a * b; std::as_witness(t);`) — see compiler-harness/noir/BB-SOUNDNESS.md',
      );
    }
    const started = Date.now();
    const crs = await this.barretenberg.crsInfo();
    const bytecode = compiled.program.bytecode;
    const { proof, verificationKey } = await this.barretenberg.prove(bytecode, witnessBytes(witness));
    return {
      system,
      proof: proof.proof,
      publicSignals: proof.publicInputs.map((hex) => BigInt(hex).toString()),
      verificationKey,
      durationMs: Date.now() - started,
      ...(crs.warning || crs.repaired ? { warnings: [crs.repaired, crs.warning].filter((w): w is string => w !== undefined) } : {}),
    };
  }

  async verify(compiled: NoirCompiledCircuit, proof: Proof): Promise<boolean> {
    if (proof.system !== 'ultrahonk' || !(proof.proof instanceof Uint8Array)) return false;
    let publicInputs: string[];
    try {
      publicInputs = proof.publicSignals.map((signal) => toWitnessHex(BigInt(signal)));
    } catch {
      return false; // a public signal that is not an integer cannot verify
    }
    return this.barretenberg.verify(compiled.program.bytecode, { proof: proof.proof, publicInputs });
  }

  async dispose(): Promise<void> {
    // The compiler process is kept for the next backend of this process (TimedWorker.release).
    await Promise.all([this.worker.release(), this.barretenberg.destroy()]);
  }

  private runProgram(compiled: NoirCompiledCircuit, inputs: Inputs) {
    const job = { program: compiled.program, inputs: toNoirInputs(inputs, compiled.program.abi.parameters) };
    return this.worker.run<ExecuteJobResult>('execute', job, this.timeoutMs);
  }
}

/** A warning when bb.js would not enforce some opcode (see BB-SOUNDNESS.md). */
function unenforcedWarnings(acir: Uint8Array): Diagnostic[] {
  const unenforced = bbUnenforcedOpcodes(acir) ?? [];
  if (unenforced.length === 0) return [];
  const list = unenforced.map((u) => `#${u.index} (${u.opcode})`).join(', ');
  const message =
    `bb.js 0.86 does not enforce ACIR opcode${unenforced.length > 1 ? 's' : ''} ${list}: ` +
    'a proof of this circuit could claim values that violate it (see compiler-harness/noir/BB-SOUNDNESS.md)';
  return [{ severity: 'warning', code: 'BB-UNENFORCED', message }];
}

function witnessBytes(witness: Witness): Uint8Array {
  if (witness.lang !== 'noir' || !(witness.data instanceof Uint8Array)) {
    throw new TypeError('expected a Noir witness (compressed witness stack) from NoirBackend.execute');
  }
  return witness.data;
}
