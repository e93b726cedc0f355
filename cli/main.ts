import { existsSync, readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCommands } from './command-table.js';
import { redact } from '../agent/model/redaction.js';
import { asInputError, FatalError } from './fatal.js';
import { exitAfterFlush, removeTemporaryFoldersOnExit } from './process-exit.js';

// From cli/main.ts or, built, from dist/cli/main.js: the package's own package.json either way.
const packageJson = ['../package.json', '../../package.json'].map((path) => new URL(path, import.meta.url)).find((url) => existsSync(url));
const { version } = JSON.parse(readFileSync(packageJson!, 'utf8')) as { version: string };

const program = new Command()
  .name('zkcoder')
  .description('Writes zero-knowledge circuits (Circom, Noir) and proves they are right: compiled, tested, attacked, proved.')
  .version(version)
  .showHelpAfterError()
  .exitOverride();

// Only the command being run is loaded (with its toolchains, SDKs or ink); see command-table.ts.
await registerCommands(program, process.argv.slice(2));

removeTemporaryFoldersOnExit();

try {
  await program.parseAsync(process.argv);
} catch (caught) {
  const error = asInputError(caught);
  if (error instanceof CommanderError) {
    // commander already printed its message (or the help/version text). A usage error (unknown
    // option, missing argument) is wrong input like any other: exit 2.
    process.exitCode = error.exitCode === 0 ? 0 : 2;
  } else if (error instanceof FatalError) {
    console.error(redact(`zkcoder: ${error.message}`));
    process.exitCode = error.exitCode;
  } else {
    console.error(redact(`zkcoder: internal error: ${(error as Error).stack ?? String(error)}`));
    process.exitCode = 70;
  }
}
// Every command releases its toolchain workers; should one ever leak, the user's terminal must not
// hang on it after the work is done and printed — printed completely: stdout is flushed first.
await exitAfterFlush(Number(process.exitCode ?? 0));
