import type { Command } from 'commander';
import { AssumptionError, parseAssumption } from '../compiler-harness/soundness/assumptions.js';
import { FatalError } from './fatal.js';

/** `--assume` (repeatable), shared by `check` and `generate`. */
export function addAssumeOption(command: Command): Command {
  return command.option(
    '--assume <assumption>',
    'a stated precondition on the inputs, e.g. "x < 2^8", "y != 0", "in[*] <= 255" (repeatable)',
    (text: string, all: string[]) => [...all, text],
    [] as string[],
  );
}

/** `--assume` texts, each parsed now so a bad one is an input error (exit 2) naming it. */
export function checkAssumptions(texts: string[]): string[] {
  for (const text of texts) {
    try {
      parseAssumption(text);
    } catch (error) {
      throw error instanceof AssumptionError ? new FatalError(`--assume: ${error.message}`) : error;
    }
  }
  return texts;
}
