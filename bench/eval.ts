/**
 * npm run bench:eval — the whole ZK-Eval suite (every level, both languages, every mode unless
 * --mode says otherwise) with the configured model: flags as `zkcoder eval` takes them
 * (--provider, --model, --exec, --replay, --base-url, --config), else the environment or
 * zkcoder.config.json. Writes bench/results/eval.json and the HTML report beside the eval run.
 *
 *   npm run bench:eval -- --provider openai --model gpt-5-mini --mode direct,full
 *   npm run bench:eval -- --exec "node eval/tools/reference-model.mjs" --mode direct   # must pass everything
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLanguageModel, resolveModelConfig, type ModelFlags } from '../agent/model/index.js';
import { EvalStore, MODES, type EvalSettings, type Mode } from '../eval/eval-store.js';
import { writeReport } from '../eval/report.js';
import { loadEvalTasks, runEval, taskFilesFor } from '../eval/run-eval.js';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i].replace(/^--/, ''), process.argv[i + 1] ?? '');

const modeText = args.get('mode') ?? 'all';
const modes = (modeText === 'all' ? [...MODES] : modeText.split(',')) as Mode[];
const unknown = modes.find((m) => !(MODES as readonly string[]).includes(m));
if (unknown) throw new Error(`--mode: "${unknown}" is not direct, sketch, retrieval, full or all`);
const settings: EvalSettings = {
  levels: [1, 2, 3],
  langs: ['circom', 'noir'],
  modes,
  samples: Number(args.get('samples') ?? 1),
  taskFiles: taskFilesFor({ levels: [1, 2, 3], tasks: args.get('tasks')?.split(',') }),
  format: 'zkcoder',
  filter: args.get('filter'),
  maxIterations: Number(args.get('max-iterations') ?? 5),
  strategy: args.get('strategy') === 'write' ? 'write' : 'lower',
};
const flags: ModelFlags = { provider: args.get('provider'), model: args.get('model'), exec: args.get('exec'), replay: args.get('replay'), baseUrl: args.get('base-url'), config: args.get('config') };
const config = await resolveModelConfig({ flags });
if (config.kind !== 'model') throw new Error('bench:eval needs a model: pass --provider/--model, --exec or --replay, or configure one in the environment or zkcoder.config.json');
const { model, meter } = await createLanguageModel(config);

const start = performance.now();
const events = runEval({ tasks: loadEvalTasks(settings), settings, model, meter, store: new EvalStore(), concurrency: Number(args.get('concurrency') ?? 1), resume: args.get('resume') });
let next = await events.next();
while (!next.done) {
  if (next.value.type === 'attempt-end') {
    const r = next.value.record;
    process.stderr.write(`${r.status === 'passed' ? '✓' : '✗'} ${r.key} ${r.failure ?? ''}\n`);
  }
  next = await events.next();
}
const result = next.value;
const report = writeReport({ dir: join(result.dir, 'report'), evalDir: result.dir, records: result.records, summary: result.summary, settings, model: model.id, runId: result.runId });
const out = new URL('./results/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
writeFileSync(
  join(out, 'eval.json'),
  `${JSON.stringify({ generatedAt: new Date().toISOString(), model: model.id, runId: result.runId, report: report.html, durationMs: Math.round(performance.now() - start), settings: { ...settings, taskFiles: settings.taskFiles.map((f) => f.replace(`${process.cwd()}/`, '')) }, summary: result.summary }, null, 2)}\n`,
);
console.log(`pass@1 ${(100 * result.summary.passAt1).toFixed(1)} % (${result.summary.passed}/${result.summary.total}); report ${report.html}; bench/results/eval.json written`);
