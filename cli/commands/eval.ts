import type { Command } from 'commander';
import { OutputFolder } from '../../compiler-harness/files/output-folder.js';
import { resolveModelConfig, type ModelFlags } from '../../agent/model/config.js';
import { ModelConfigError } from '../../agent/model/config-file.js';
import { createLanguageModel } from '../../agent/model/create.js';
import type { Lang } from '../../compiler-harness/types.js';
import { EvalStore, MODES, type EvalSettings, type Mode } from '../../eval/eval-store.js';
import { TaskFileError } from '../../eval/load-tasks.js';
import { writeReport } from '../../eval/report.js';
import { EvalInputError, loadEvalTasks, runEval, taskFilesFor, type EvalEvent, type EvalResult } from '../../eval/run-eval.js';
import type { EvalSummary } from '../../eval/score.js';
import { FatalError } from '../fatal.js';
import { addModelOptions } from '../model-options.js';
import { table } from '../table.js';

interface EvalFlags extends ModelFlags {
  level: string;
  lang: string;
  mode: string;
  samples: string;
  tasks?: string[];
  format: string;
  filter?: string;
  concurrency: string;
  maxIterations: string;
  strategy: string;
  soundnessBudget: string;
  out?: string;
  force?: boolean;
  resume?: string;
  json?: boolean;
}

export function registerEval(program: Command): void {
  addModelOptions(program
    .command('eval')
    .description('run the ZK-Eval benchmark (or your own task set) with a model, and score it')
    .option('--level <level>', '1 | 2 | 3 | all', 'all')
    .option('--lang <lang>', 'circom | noir | both', 'both')
    .option('--mode <mode>', 'direct | sketch | retrieval | full | all, or a list such as direct,full', 'full')
    .option('--samples <k>', 'attempts per task, language and mode (pass@k)', '1')
    .option('--tasks <files...>', 'task files instead of the shipped suite')
    .option('--format <format>', 'format of --tasks: zkcoder | transzkeval', 'zkcoder')
    .option('--filter <regex>', 'only tasks whose id matches')
    .option('--concurrency <n>', 'attempts run at once', '1')
    .option('--max-iterations <n>', 'repair attempts in full mode', '5')
    .option('--strategy <strategy>', 'agent modes: lower (the sketch is lowered) | write (the model writes the code)', 'lower')
    .option('--soundness-budget <ms>', 'time budget of the soundness analysis per attempt', '10000')
    .option('--out <dir>', 'write results.json, report.html and every attempt\'s code and check report here')
    .option('--resume <run>', 'continue an eval run: only attempts without a result (or with a model error) run')
    .option('--force', 'write into a non-empty --out folder that zkcoder did not write')
    .option('--json', 'print JSONL events and a final JSON line with the scores'), 'the whole eval')
    .action(async (flags: EvalFlags) => {
      process.exitCode = await evaluate(flags);
    });
}

async function evaluate(flags: EvalFlags): Promise<number> {
  const store = new EvalStore();
  const settings = flags.resume ? resumedSettings(store, flags.resume) : settingsFrom(flags);
  const tasks = inputErrors(() => loadEvalTasks(settings));
  // Checked before any model is asked: a non-empty folder of the user's needs --force (exit 2).
  if (flags.out) new OutputFolder(flags.out, { force: flags.force }).check();
  const config = await resolveModelConfig({ flags }).catch((error: unknown) => {
    throw error instanceof ModelConfigError ? new FatalError(error.message) : error;
  });
  for (const warning of config.warnings) console.error(`zkcoder: warning: ${warning}`);
  if (config.kind !== 'model') throw new FatalError('zkcoder eval needs a model: every level asks one. Configure a provider (--provider, --exec, --replay, the environment or zkcoder.config.json); --provider none has nothing to measure');
  const { model, meter } = await createLanguageModel(config);
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  try {
    const events = runEval({ tasks, settings, model, meter, store, resume: flags.resume, concurrency: positive(flags.concurrency, '--concurrency'), soundnessBudgetMs: positive(flags.soundnessBudget, '--soundness-budget'), signal: controller.signal });
    const result = await consume(events, flags.json === true);
    if (flags.out) {
      const written = writeReport({ dir: flags.out, force: flags.force, evalDir: result.dir, records: result.records, summary: result.summary, settings, model: model.id, runId: result.runId });
      if (flags.json) console.log(JSON.stringify({ type: 'report', ...written }));
      else console.log(`report: ${written.html}`);
    }
    if (flags.json) console.log(JSON.stringify({ type: 'result', runId: result.runId, dir: result.dir, interrupted: result.interrupted, ...result.summary }));
    else printSummary(result);
    return result.interrupted ? 130 : 0;
  } catch (error) {
    if (error instanceof EvalInputError) throw new FatalError(error.message);
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
  }
}

function settingsFrom(flags: EvalFlags): EvalSettings {
  const levels = flags.level === 'all' ? ([1, 2, 3] as const) : ['1', '2', '3'].includes(flags.level) ? [Number(flags.level) as 1 | 2 | 3] : fail(`--level: "${flags.level}" is not 1, 2, 3 or all`);
  const langs: Lang[] = flags.lang === 'both' ? ['circom', 'noir'] : flags.lang === 'circom' || flags.lang === 'noir' ? [flags.lang] : fail(`--lang: "${flags.lang}" is not circom, noir or both`);
  const modes = modesFrom(flags.mode);
  if (flags.format !== 'zkcoder' && flags.format !== 'transzkeval') fail(`--format: "${flags.format}" is not zkcoder or transzkeval`);
  if (flags.format === 'transzkeval' && !flags.tasks?.length) fail('--format transzkeval needs the task file: --tasks FILE');
  if (flags.strategy !== 'lower' && flags.strategy !== 'write') fail(`--strategy: "${flags.strategy}" is not lower or write`);
  if (flags.filter) {
    try {
      new RegExp(flags.filter);
    } catch (error) {
      fail(`--filter: ${(error as Error).message}`);
    }
  }
  const taskFiles = inputErrors(() => taskFilesFor({ tasks: flags.tasks, levels: [...levels] }));
  return { levels: [...levels], langs, modes, samples: positive(flags.samples, '--samples'), taskFiles, format: flags.format, filter: flags.filter, maxIterations: positive(flags.maxIterations, '--max-iterations'), strategy: flags.strategy };
}

/** `all`, one mode, or several separated by commas (`direct,full`), in the benchmark's order. */
function modesFrom(text: string): Mode[] {
  const asked = text === 'all' ? [...MODES] : text.split(',').map((m) => m.trim());
  const unknown = asked.find((m) => !(MODES as readonly string[]).includes(m));
  if (unknown !== undefined) fail(`--mode: "${unknown}" is not direct, sketch, retrieval, full or all`);
  return MODES.filter((m) => asked.includes(m));
}

/** A resumed eval keeps the tasks and settings it started with. */
function resumedSettings(store: EvalStore, id: string): EvalSettings {
  try {
    return store.open(id).state.settings;
  } catch (error) {
    throw new FatalError((error as Error).message);
  }
}

async function consume(events: AsyncGenerator<EvalEvent, EvalResult>, json: boolean): Promise<EvalResult> {
  for (;;) {
    const next = await events.next();
    if (next.done) return next.value;
    const event = next.value;
    if (json) {
      console.log(JSON.stringify(event.type === 'eval-end' ? { type: event.type, runId: event.runId, interrupted: event.interrupted, at: event.at } : event));
    } else if (event.type === 'eval-start') {
      console.log(`eval ${event.runId} with ${event.model}: ${event.planned - event.alreadyDone} attempt(s) to run${event.alreadyDone ? `, ${event.alreadyDone} already done` : ''} (folder ${event.dir})`);
    } else if (event.type === 'attempt-end') {
      const r = event.record;
      const mark = r.status === 'passed' ? '✓' : r.status === 'model-error' ? '!' : '✗';
      console.log(`${mark} ${r.key}: ${r.status === 'passed' ? 'passed' : `${r.failure}: ${r.detail}`} (${(r.timeMs / 1000).toFixed(1)} s)`);
    }
  }
}

function printSummary(result: EvalResult): void {
  const s = result.summary;
  const percent = (x: number) => `${(100 * x).toFixed(1)} %`;
  // pass@k is a column of its own only when there are several samples (else it is pass@1 again).
  const several = s.k > 1;
  const row = (name: string, g: EvalSummary['byLevel'][string]) => [name, `${g.passed}/${g.attempts}`, percent(g.passAt1), ...(several ? [percent(g.passAtK)] : []), String(g.modelErrors), g.costUsd === undefined ? '-' : `$${g.costUsd.toFixed(4)}`];
  const rows = (groups: Record<string, EvalSummary['byLevel'][string]>, label: string) => Object.entries(groups).map(([name, g]) => row(`${label} ${name}`, g));
  console.log('');
  console.log(table(['group', 'passed', 'pass@1', ...(several ? [`pass@${s.k}`] : []), 'model errors', 'cost'], [row('all', s), ...rows(s.byLevel, 'level'), ...rows(s.byMode, 'mode'), ...rows(s.byLanguage, 'lang'), ...rows(s.byCategory, 'category')]));
  const failures = Object.entries(s.failures).map(([kind, n]) => `${kind} ${n}`).join(', ');
  if (failures) console.log(`\nfailures: ${failures}`);
  if (s.modelErrors) console.log(`${s.modelErrors} attempt(s) hit a model error and were not graded: zkcoder eval --resume ${result.runId}`);
  if (result.interrupted) console.log(`interrupted; continue with zkcoder eval --resume ${result.runId}`);
}

function inputErrors<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    throw error instanceof TaskFileError ? new FatalError(error.message) : error;
  }
}

function positive(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) fail(`${flag}: "${text}" is not a positive integer`);
  return n;
}

function fail(message: string): never {
  throw new FatalError(message);
}
