/**
 * Runs inside a TimedWorker (a child process, see toolchain.ts): the Noir compiler (noir_wasm) and
 * the ACVM (noir_js). A type checker stuck on a pathological program or an unconstrained function
 * that never returns would otherwise hang the whole harness; in a worker they can be stopped.
 */
import { compile } from '@noir-lang/noir_wasm';
import { Noir, type CompiledCircuit as NoirProgram, type InputMap } from '@noir-lang/noir_js';
import { serveJobs } from '../worker-jobs.js';
import { refuseNetwork } from './offline.js';
import { confinedFileManager } from './file-manager.js';

export interface CompileJob {
  /** Folder holding Nargo.toml and src/. */
  projectDir: string;
  /** The build folder the compiler may read (the project, and path dependencies beside it). */
  readRoot: string;
}

export type CompileJobResult =
  | { ok: true; program: NoirProgram; warnings: unknown[]; log: string }
  | { ok: false; message: string; log: string };

// zkcoder compiles offline: noir_wasm would fetch a `git =` dependency from GitHub with fetch.
refuseNetwork();

async function compileProject(job: CompileJob): Promise<CompileJobResult> {
  let log = '';
  const collect = (message: unknown) => (log += `${String(message)}\n`);
  // compile() announces "Compiling at …" with console.log, whatever logFn says.
  const consoleLog = console.log;
  console.log = collect;
  try {
    const result = await compile(confinedFileManager(job.projectDir, job.readRoot), undefined, collect, () => {});
    if (!result.program) return { ok: false, message: 'noir_wasm returned no program (is the package a contract?)', log };
    return { ok: true, program: result.program, warnings: result.warnings ?? [], log };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error), log };
  } finally {
    console.log = consoleLog;
  }
}

export interface ExecuteJob {
  program: NoirProgram;
  inputs: InputMap;
}

export type ExecuteJobResult =
  | { ok: true; witness: Uint8Array; returnValue: unknown }
  | {
      ok: false;
      message: string;
      /** `at x * x == y (/tmp/…/src/main.nr:3:12)` frames, innermost last. */
      callStack: string[];
      /** True when the ACVM ran and a constraint or assert failed (not an input problem). */
      executionFailed: boolean;
    };

async function execute(job: ExecuteJob): Promise<ExecuteJobResult> {
  try {
    const { witness, returnValue } = await new Noir(job.program).execute(job.inputs);
    return { ok: true, witness, returnValue };
  } catch (error) {
    const e = error as { message?: string; noirCallStack?: unknown; callStack?: unknown };
    const message = e.message ?? String(error);
    const callStack = Array.isArray(e.noirCallStack) ? e.noirCallStack.map(String) : [];
    // Input errors are thrown by the ABI encoder before the ACVM starts and carry no call stack.
    const executionFailed = callStack.length > 0 || e.callStack !== undefined || message.startsWith('Circuit execution failed');
    return { ok: false, message, callStack, executionFailed };
  }
}

serveJobs({ compile: compileProject, execute });
