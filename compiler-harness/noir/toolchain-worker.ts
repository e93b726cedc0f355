/**
 * Runs inside a TimedWorker: the Noir compiler (noir_wasm) and the ACVM (noir_js). A type checker
 * stuck on a pathological program or an unconstrained function that never returns would otherwise
 * hang the whole harness; in a thread they can be terminated.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { compile, createFileManager } from '@noir-lang/noir_wasm';
import { Noir, type CompiledCircuit as NoirProgram, type InputMap } from '@noir-lang/noir_js';
import { serveJobs } from '../worker-jobs.js';

export interface CompileJob {
  /** Folder holding Nargo.toml and src/. */
  projectDir: string;
  /** The build folder the compiler may read (the project, and path dependencies beside it). */
  readRoot: string;
}

// zkcoder compiles offline: noir_wasm would fetch a `git =` dependency from GitHub with fetch.
globalThis.fetch = () => Promise.reject(new Error('zkcoder compiles offline: dependencies are never fetched'));

/**
 * noir_wasm's file manager "writes to a specific directory but reads globally": a `path =`
 * dependency could name any folder of the host. Reads outside `root` (after symlinks) fail.
 */
function confinedFileManager(projectDir: string, root: string): ReturnType<typeof createFileManager> {
  const fm = createFileManager(projectDir);
  const realRoot = realpathSync(root);
  const inside = (name: string) => {
    const full = resolve(projectDir, name);
    const real = existsSync(full) ? realpathSync(full) : full;
    const rel = relative(realRoot, real);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
  };
  const refuse = (name: string) => new Error(`${name} is outside the circuit's files: the compiler reads nothing else`);
  const { readFile, readdir, hasFileSync } = fm;
  Object.assign(fm, {
    readFile: (name: string, encoding?: 'utf-8') => (inside(name) ? readFile.call(fm, name, encoding as 'utf-8') : Promise.reject(refuse(name))),
    readdir: (dir: string, options?: { recursive: boolean }) => (inside(dir) ? readdir.call(fm, dir, options) : Promise.reject(refuse(dir))),
    hasFileSync: (name: string) => inside(name) && hasFileSync.call(fm, name),
  });
  return fm;
}

export type CompileJobResult =
  | { ok: true; program: NoirProgram; warnings: unknown[]; log: string }
  | { ok: false; message: string; log: string };

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
