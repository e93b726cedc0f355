import { readFileSync } from 'node:fs';
import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerEval } from './commands/eval.js';
import { registerGenerate } from './commands/generate.js';
import { registerKnowledgeBase } from './commands/kb.js';
import { registerOp } from './commands/op.js';
import { registerProve } from './commands/prove.js';
import { registerRuns } from './commands/runs.js';
import { registerSketch } from './commands/sketch.js';
import { redact } from '../agent/model/redaction.js';
import { RunStateError } from '../agent/runs/state-file.js';
import { asInputError, FatalError } from './fatal.js';
import { exitAfterFlush, removeTemporaryFoldersOnExit } from './process-exit.js';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

const program = new Command()
  .name('zkcoder')
  .description('Writes zero-knowledge circuits (Circom, Noir) and proves they are right: compiled, tested, attacked, proved.')
  .version(version)
  .showHelpAfterError()
  .exitOverride();

registerGenerate(program);
registerCheck(program);
registerKnowledgeBase(program);
registerSketch(program);
registerRuns(program);
registerEval(program);
registerProve(program);
registerOp(program);

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
  } else if (error instanceof RunStateError) {
    // A saved run that cannot be read (runs list / show): the file is the user's input.
    console.error(redact(`zkcoder: ${error.message}`));
    process.exitCode = 2;
  } else {
    console.error(redact(`zkcoder: internal error: ${(error as Error).stack ?? String(error)}`));
    process.exitCode = 70;
  }
}
// Every command releases its toolchain workers; should one ever leak, the user's terminal must not
// hang on it after the work is done and printed — printed completely: stdout is flushed first.
await exitAfterFlush(Number(process.exitCode ?? 0));
