import { removeTemporaryFolders } from '../compiler-harness/files/temporary-folders.js';

/**
 * Wait until everything written to `stream` has been handed to the operating system. On a pipe,
 * Node writes asynchronously: `process.exit` right after a large `console.log` (a `check --json`
 * report read by a slower program) would cut the output where the pipe buffer filled.
 */
export function flushStream(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.destroyed || !stream.writable) return resolve();
    // Writes complete in order: the callback of an empty write runs after every earlier one.
    stream.write('', () => resolve());
  });
}

/** Flush stdout and stderr, remove leftover temporary folders, and exit with `code`. */
export async function exitAfterFlush(code: number): Promise<never> {
  removeTemporaryFolders();
  await Promise.all([flushStream(process.stdout), flushStream(process.stderr)]);
  process.exit(code);
}

/**
 * Temporary folders are removed however the process ends: on exit, and on SIGINT / SIGTERM. A
 * command that handles SIGINT itself (generate aborts its run and saves it) keeps it: that command
 * disposes its backends, which removes their folders, and exits normally.
 */
export function removeTemporaryFoldersOnExit(): void {
  process.on('exit', removeTemporaryFolders);
  const onSignal = (signal: NodeJS.Signals) => {
    if (signal === 'SIGINT' && process.listenerCount('SIGINT') > 1) return;
    removeTemporaryFolders();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
