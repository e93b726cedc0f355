import { siblingModule, TimedWorker, toolchainFlags } from '../timed-worker.js';

/**
 * A worker running noir_wasm and the ACVM (toolchain-worker.ts), in a child process with V8 flags
 * for about `compiles` programs: a check compiles a program once or twice, and optimising the 20 MB
 * compiler's functions would cost far more than it saves (`LIFTOFF_ONLY`).
 */
export function noirToolchainWorker(compiles = 1): TimedWorker {
  return new TimedWorker(siblingModule('toolchain-worker', import.meta.url), { process: { v8Flags: toolchainFlags(compiles) } });
}
