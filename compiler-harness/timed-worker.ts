import { Worker } from 'node:worker_threads';

/**
 * A worker thread that runs one job at a time under a time limit. Toolchains run inside it so that
 * a looping compile or execution can be stopped: on timeout the thread is terminated and a fresh
 * one is started for the next job.
 *
 * The worker module must call `serveJobs(handlers)` from `./worker-jobs.js`.
 */
export class TimedWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly moduleUrl: URL) {}

  /** Run `job` with `args`; resolves `{ timedOut: true }` instead of hanging past `timeoutMs`. */
  run<T>(job: string, args: unknown, timeoutMs: number): Promise<JobOutcome<T>> {
    const result = this.queue.then(() => this.runNow<T>(job, args, timeoutMs));
    this.queue = result.catch(() => undefined);
    return result;
  }

  /** Start the thread now (it loads its modules while the caller does other work); no job is run. */
  warm(): void {
    this.worker ??= this.start();
  }

  async terminate(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker) await worker.terminate();
  }

  private start(): Worker {
    const isTs = this.moduleUrl.pathname.endsWith('.ts');
    // Node 20 does not apply `--import` loaders inside workers: register tsx from a tiny bootstrap.
    const entry = isTs ? tsBootstrap(this.moduleUrl) : this.moduleUrl;
    const worker = new Worker(entry, {
      stdout: true,
      stderr: true,
    });
    // Toolchains print progress; keep it out of the user's terminal.
    worker.stdout.resume();
    worker.stderr.resume();
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private runNow<T>(job: string, args: unknown, timeoutMs: number): Promise<JobOutcome<T>> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
      };
      const onMessage = (message: WorkerReply) => {
        if (message.id !== id) return;
        cleanup();
        if (message.ok) resolve({ timedOut: false, value: message.value as T });
        else reject(Object.assign(new Error(message.error), { stack: message.stack }));
      };
      const onError = (error: Error) => {
        cleanup();
        this.worker = undefined;
        reject(error);
      };
      const onExit = (code: number) => {
        cleanup();
        this.worker = undefined;
        reject(new Error(`toolchain worker exited with code ${code} while running ${job}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        this.worker = undefined;
        void worker.terminate();
        resolve({ timedOut: true });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      worker.postMessage({ id, job, args });
    });
  }
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
