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
