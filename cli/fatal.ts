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
