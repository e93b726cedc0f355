import { OutputFolderError } from '../compiler-harness/files/output-folder.js';
import { WriteRefused } from '../compiler-harness/files/write-gate.js';
import { RunIdError } from '../agent/runs/run-store.js';
import { RunStateError } from '../agent/runs/state-file.js';

/** A failure the user caused or can fix: printed as one line, no stack trace, with an exit code. */
export class FatalError extends Error {
  override name = 'FatalError';
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Test vectors that don't fit the circuit or sketch: the first problem as the line, all of them kept. */
export class VectorsMismatch extends FatalError {
  constructor(readonly problems: string[]) {
    const more = problems.length - 1;
    super(more ? `${problems[0]} (and ${more} more problem${more > 1 ? 's' : ''})` : problems[0]);
  }
}

/**
 * Refusals of the write gate, output folders and run ids, and saved runs that cannot be read (the
 * file is the user's input), are the user's to fix: one line, exit 2.
 */
export function asInputError(error: unknown): unknown {
  if (error instanceof OutputFolderError || error instanceof WriteRefused || error instanceof RunIdError || error instanceof RunStateError) return new FatalError(error.message);
  return error;
}

/** Run `work`, turning a refused folder, path or run id into a FatalError (exit 2). */
export function refusedAsFatal<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw asInputError(error);
  }
}
