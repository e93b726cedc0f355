/** @jsxRuntime automatic */
/** @jsxImportSource react */
import type { Command } from 'commander';
import { runAgent, type AgentResult } from '../../agent/run-agent.js';
import type { AgentEvent } from '../../agent/events.js';
import { resolveModelConfig, type ModelFlags } from '../../agent/model/config.js';
import { ModelConfigError } from '../../agent/model/config-file.js';
import { createLanguageModel } from '../../agent/model/create.js';
import { redactedJson } from '../../agent/model/redaction.js';
import type { Lang } from '../../compiler-harness/types.js';
import { loadTestVectors, VectorsError } from '../../compiler-harness/vectors/schema.js';
import { FatalError } from '../fatal.js';
import { addModelOptions } from '../model-options.js';
import { addAssumeOption, checkAssumptions } from '../assume-option.js';
import { RunStore } from '../../agent/runs/run-store.js';
import { chooseOutputFolder } from '../../agent/runs/output-choice.js';

interface GenerateFlags extends ModelFlags {
  lang: string;
  out?: string;
  json?: boolean;
  prove: boolean;
  maxIterations: string;
  strategy: string;
  vectors?: string;
  resume?: string;
  force?: boolean;
  assume: string[];
}

export function registerGenerate(program: Command): void {
  addModelOptions(addAssumeOption(program
    .command('generate')
    .description('write a verified, proved circuit for a task (with a model, or from the knowledge base)')
    .argument('[task...]', 'what the circuit should prove, e.g. "softmax lookup"')
    .option('--lang <lang>', 'circom | noir | both', 'both')
    .option('--out <dir>', 'write circuits, vectors, proofs and REPORT.md here (a new, empty or earlier zkcoder output folder)')
    .option('--force', 'write into a non-empty --out folder that zkcoder did not write')
    .option('--json', 'print JSONL events and a final JSON result instead of the terminal UI')
    .option('--no-prove', 'skip the final prove + verify')
    .option('--max-iterations <n>', 'repair attempts', '5')
    .option('--strategy <strategy>', 'lower (the sketch is lowered) | write (the model writes the code)', 'lower')
    .option('--vectors <file>', 'your own test vectors; always run, and they take precedence')
    .option('--resume <runId>', 'continue an interrupted run (its id, from zkcoder runs list) from its last completed stage')), 'the run')
    .action(async (words: string[], flags: GenerateFlags) => {
      process.exitCode = await generate(words.join(' ').trim(), flags);
    });
}

async function generate(task: string, flags: GenerateFlags): Promise<number> {
  if (!task && !flags.resume) throw new FatalError('say what the circuit should prove, e.g. zkcoder generate "softmax lookup"');
  const languages: Lang[] = flags.lang === 'both' ? ['circom', 'noir'] : flags.lang === 'circom' || flags.lang === 'noir' ? [flags.lang] : fail(`--lang: "${flags.lang}" is not circom, noir or both`);
  const maxIterations = Number(flags.maxIterations);
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new FatalError(`--max-iterations: "${flags.maxIterations}" is not a positive integer`);
  if (flags.strategy !== 'lower' && flags.strategy !== 'write') throw new FatalError(`--strategy: "${flags.strategy}" is not lower or write`);
  checkOutput(flags);
  const assumptions = checkAssumptions(flags.assume);
  const vectors = flags.vectors ? await loadTestVectors(flags.vectors).catch(rethrowVectors) : undefined;
  const config = await resolveModelConfig({ flags }).catch((error: unknown) => {
    throw error instanceof ModelConfigError ? new FatalError(error.message) : error;
  });
  // On stderr, so --json output stays pure JSONL; before the TUI starts, so it stays on screen.
  for (const warning of config.warnings) console.error(`zkcoder: warning: ${warning}`);
  // The meter prices every request with the configuration's price overrides and enforces its budget.
  const { model, meter } = config.kind === 'model' ? await createLanguageModel(config) : { model: undefined, meter: undefined };
  const budget = config.kind === 'model' ? config.budget : undefined;
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const events = runAgent({
    task,
    languages,
    model,
    meter,
    budget,
    noModel: flags.provider === 'none',
    strategy: flags.strategy,
    maxIterations,
    vectors,
    assumptions,
    outDir: flags.out,
    force: flags.force,
    prove: flags.prove,
    resume: flags.resume,
    signal: controller.signal,
  });
  try {
    const interactive = process.stdout.isTTY && !flags.json;
    const result = interactive ? await runInteractive(events, controller) : await runHeadless(events);
    return result?.ok ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

/** JSONL events on stdout, then one JSON result line. */
async function runHeadless(events: AsyncGenerator<AgentEvent, AgentResult>): Promise<AgentResult> {
  for (;;) {
    const next = await events.next();
    if (next.done) {
      console.log(redactedJson({ type: 'result', ...next.value }));
      return next.value;
    }
    console.log(redactedJson(next.value));
  }
}

async function runInteractive(events: AsyncGenerator<AgentEvent, AgentResult>, controller: AbortController): Promise<AgentResult | undefined> {
  let result: AgentResult | undefined;
  let runId: string | undefined;
  const stream = (async function* () {
    for (;;) {
      const next = await events.next();
      if (next.done) {
        result = next.value;
        return;
      }
      if (next.value.type === 'run-start') runId = next.value.runId;
      yield next.value;
    }
  })();
  // Ctrl-C reaches GenerateApp as a key (stdin is in raw mode): it aborts and saves like q. A second
  // press while a long step finishes leaves at once; every event so far is already on disk, and the
  // run is marked interrupted so `runs list` and `--resume` see it as such.
  const forceQuit = () => {
    app.unmount();
    if (runId) new RunStore().open(runId).finish('interrupted', `quit by the user; resume with zkcoder generate --resume ${runId}`);
    process.exit(130);
  };
  // ink and react load only for the terminal UI: --json and every other command do without them.
  const [{ render }, { GenerateApp }] = await Promise.all([import('ink'), import('../ui/generate-app.js')]);
  const app = render(<GenerateApp events={stream} onAbort={() => controller.abort()} onForceQuit={forceQuit} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
  return result;
}

/**
 * The run to resume and the output folder, checked before a model is asked anything: a path for
 * --resume, a non-empty folder of the user's for --out (without --force), or a resumed run whose
 * saved folder lies outside this one is an input error (exit 2). The agent checks them again.
 */
function checkOutput(flags: GenerateFlags): void {
  let saved: unknown;
  if (flags.resume) {
    try {
      saved = new RunStore().open(flags.resume).state.options?.outDir;
    } catch (error) {
      throw new FatalError(`--resume: ${(error as Error).message}`);
    }
  }
  const chosen = chooseOutputFolder({ outDir: flags.out, saved, force: flags.force, runId: flags.resume });
  if (!chosen.ok) throw new FatalError(chosen.message);
}

function rethrowVectors(error: unknown): never {
  throw error instanceof VectorsError ? new FatalError(error.message) : error;
}

function fail(message: string): never {
  throw new FatalError(message);
}
