import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker that runs one job at a time under a time limit. Toolchains run inside it so that a
 * looping compile or execution can be stopped: on timeout the worker is terminated and a fresh one
 * is started for the next job.
 *
 * By default the worker is a thread. With `process`, it is a child process started with its own V8
 * flags (a thread shares its process's flags): see `LIFTOFF_ONLY`.
 *
 * The worker module must call `serveJobs(handlers)` from `./worker-jobs.js`.
 */
export class TimedWorker {
  private worker: JobHost | undefined;
  /** Jobs asked for and not yet answered. */
  private pending = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly moduleUrl: URL,
    private readonly options: TimedWorkerOptions = {},
  ) {}

  /** Run `job` with `args`; resolves `{ timedOut: true }` instead of hanging past `timeoutMs`. */
  run<T>(job: string, args: unknown, timeoutMs: number): Promise<JobOutcome<T>> {
    this.pending++;
    const result = this.queue.then(() => this.runNow<T>(job, args, timeoutMs)).finally(() => this.pending--);
    this.queue = result.catch(() => undefined);
    return result;
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  /**
   * Done with the worker, as `terminate`, except that a live child process is kept (one per module
   * and V8 flags) for the next TimedWorker of the same kind in this process: a backend made after
   * this one skips starting node and loading its toolchain (0.2–0.5 s of CPU). The kept process is
   * unref'd like any other and exits with its parent. A process with a job still running is
   * terminated instead.
   */
  async release(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const key = this.processKey();
    // A process still working on a job is not handed on: the next owner's jobs would overlap it.
    if (key && this.pending === 0 && worker.alive() && !idleProcesses.has(key)) idleProcesses.set(key, worker);
    else await worker.terminate();
  }

  private processKey(): string | undefined {
    return this.options.process && `${this.moduleUrl.href} ${this.options.process.v8Flags.join(' ')}`;
  }

  private start(): JobHost {
    const key = this.processKey();
    const kept = key ? idleProcesses.get(key) : undefined;
    if (key && kept) idleProcesses.delete(key);
    if (kept?.alive()) return (this.worker = kept);
    if (kept) void kept.terminate();
    const worker = this.options.process ? childHost(this.moduleUrl, this.options.process.v8Flags) : threadHost(this.moduleUrl);
    this.worker = worker;
    return worker;
  }

  private runNow<T>(job: string, args: unknown, timeoutMs: number): Promise<JobOutcome<T>> {
    // A child process that died between jobs (killed from outside, out of memory) is replaced.
    if (this.worker && !this.worker.alive()) this.worker = undefined;
    const worker = this.worker ?? this.start();
    // Ids are unique in the process: a released child may still answer a job of its former owner.
    const id = nextJobId++;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.events.off('message', onMessage);
        worker.events.off('error', onError);
        worker.events.off('exit', onExit);
      };
      const onMessage = (message: WorkerReply) => {
        if (message.id !== id) return;
        cleanup();
        if (message.ok) resolve({ timedOut: false, value: message.value as T });
        else reject(Object.assign(new Error(message.error), { stack: message.stack }));
      };
      const onError = (error: Error) => {
        cleanup();
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        reject(error);
      };
      const onExit = (code: number | null, signal?: string | null) => {
        cleanup();
        if (this.worker === worker) this.worker = undefined;
        reject(new Error(`toolchain worker exited with ${signal ? `signal ${signal}` : `code ${code}`} while running ${job}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        resolve({ timedOut: true });
      }, timeoutMs);
      worker.events.on('message', onMessage);
      worker.events.on('error', onError);
      worker.events.on('exit', onExit);
      worker.send({ id, job, args });
    });
  }
}

let nextJobId = 1;

/** Child processes released by finished TimedWorkers, by module and V8 flags (see `release`). */
const idleProcesses = new Map<string, JobHost>();

export interface TimedWorkerOptions {
  /** Run the worker module in a child process started with these V8 flags. */
  process?: { v8Flags: string[] };
}

/**
 * V8 flags for a process that runs one of the big compilers (noir_wasm is 20 MB of Rust) a few
 * times: run its WebAssembly with the baseline compiler only. With tier-up, V8 spends seconds of
 * CPU in background threads optimising compiler functions the process calls a handful of times:
 * measured on the knowledge base's softmax, one noir_wasm compile costs 6.0 CPU-s with tier-up and
 * 0.8 without. Code that runs hot loops (bb.js, snarkjs, z3) keeps tier-up in zkcoder's own process.
 */
export const LIFTOFF_ONLY = ['--liftoff-only'];

/**
 * V8 flags for a compiler process that will compile many programs (an eval run, `kb verify`):
 * optimise only the functions that stay hot (a tiering budget 280× V8's default), so optimised code
 * pays for itself over the session. Measured on the eval suite's Noir tasks (about 110 compiles and
 * their executions): 37–42 CPU-s baseline-only, 36 with V8's default tier-up, 32 with this; on
 * `kb verify` of all 63 entries, 94 → 90 CPU-s. On one check it costs 50 % more than baseline-only.
 */
export const TIER_UP_HOT = ['--wasm-tiering-budget=500000000'];

/** From this many compiles on, a compiler process is worth optimising (`TIER_UP_HOT`). */
export const MANY_COMPILES = 20;

/** The V8 flags of a compiler process that will compile about `compiles` programs. */
export function toolchainFlags(compiles = 1): string[] {
  return compiles >= MANY_COMPILES ? TIER_UP_HOT : LIFTOFF_ONLY;
}

/** What `TimedWorker` needs of a thread or a child process. */
interface JobHost {
  events: NodeJS.EventEmitter;
  send(message: unknown): void;
  terminate(): Promise<unknown>;
  alive(): boolean;
}

function threadHost(moduleUrl: URL): JobHost {
  const isTs = moduleUrl.pathname.endsWith('.ts');
  // Node 20 does not apply `--import` loaders inside workers: register tsx from a tiny bootstrap.
  const entry = isTs ? tsBootstrap(moduleUrl) : moduleUrl;
  const worker = new Worker(entry, { stdout: true, stderr: true });
  // Toolchains print progress; keep it out of the user's terminal.
  worker.stdout.resume();
  worker.stderr.resume();
  worker.unref();
  return { events: worker, send: (message) => worker.postMessage(message), terminate: () => worker.terminate(), alive: () => true };
}

function childHost(moduleUrl: URL, v8Flags: string[]): JobHost {
  const isTs = moduleUrl.pathname.endsWith('.ts');
  const child = fork(fileURLToPath(moduleUrl), [], {
    execArgv: [...(isTs ? ['--import', import.meta.resolve('tsx')] : []), ...v8Flags],
    // Structured clone, as between threads: Uint8Array witnesses arrive as Uint8Array.
    serialization: 'advanced',
    // Toolchains print progress; keep it out of the user's terminal.
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
    env: toolchainEnv(),
  });
  // Neither the process nor its channel keeps the parent alive; the child exits when the parent does.
  child.unref();
  child.channel?.unref();
  return {
    events: child,
    send: (message) => child.send(message as object),
    terminate: () => stop(child),
    alive: () => child.connected && child.exitCode === null && child.signalCode === null,
  };
}

/** Kill `child` and wait for it to be gone. */
function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    // Unref'd, the child would not keep this process alive long enough to see it exit.
    child.ref();
    child.kill('SIGKILL');
  });
}

/**
 * The environment of a toolchain process: what node needs to run, not the user's API keys or
 * configuration (it compiles and runs model-written circuits).
 */
function toolchainEnv(): NodeJS.ProcessEnv {
  const keep = ['PATH', 'TMPDIR', 'TEMP', 'TMP', 'LANG', 'LC_ALL', 'SYSTEMROOT'];
  return Object.fromEntries(keep.filter((name) => process.env[name] !== undefined).map((name) => [name, process.env[name]]));
}

function tsBootstrap(moduleUrl: URL): URL {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const code =
    `const { register } = await import(${JSON.stringify(tsxApi)}); register();` +
    `await import(${JSON.stringify(moduleUrl.href)});`;
  return new URL(`data:text/javascript,${encodeURIComponent(code)}`);
}

/**
 * The worker module `name` (without extension) beside the module at `base` (its import.meta.url):
 * `.ts` when running from source, `.js` when running the build in dist/.
 */
export function siblingModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base);
}

export type JobOutcome<T> = { timedOut: true } | { timedOut: false; value: T };

export type WorkerReply =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: string; stack?: string };
