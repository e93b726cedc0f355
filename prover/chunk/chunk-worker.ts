/**
 * The worker thread `proveChunks` runs chunks in. ffjavascript (under snarkjs) loads the
 * `web-worker` shim, which decides once, when loaded, whether it is on the main thread: in any
 * other worker thread it takes the thread over as one of its own pool workers and fails. So it is
 * loaded here, first, while `isMainThread` reads true; it then starts its pool from this thread as
 * it would from the main one. The jobs are imported after that.
 */
import { createRequire } from 'node:module';

const threads = createRequire(import.meta.url)('node:worker_threads') as { isMainThread: boolean };
threads.isMainThread = true;
try {
  await import('snarkjs');
} finally {
  threads.isMainThread = false;
}
await import('./chunk-jobs.js');
