import { LIFTOFF_ONLY, siblingModule, TimedWorker } from '../timed-worker.js';

/**
 * A worker running noir_wasm and the ACVM (toolchain-worker.ts): a child process whose
 * WebAssembly is never tiered up (`LIFTOFF_ONLY`). A check compiles a program once or twice, so
 * optimising the compiler's functions costs far more than it saves.
 */
export function noirToolchainWorker(): TimedWorker {
  return new TimedWorker(siblingModule('toolchain-worker', import.meta.url), { process: { v8Flags: LIFTOFF_ONLY } });
}
