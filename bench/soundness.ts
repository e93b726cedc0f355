/**
 * npm run bench:soundness — the mutation benchmark for the soundness analyser (issue 4).
 *
 * Every knowledge-base entry, in both languages, is mutated one check at a time (bench/soundness/
 * mutants.ts); the harness decides which mutants really break soundness, and we count how many of
 * those the analyser catches with a counterexample. The unmutated entries and circomlib's sound
 * templates measure false positives. Writes bench/results/soundness.json.
 *
 *   --quick           10 entries, ≤ 3 mutants per entry and language, 5 s budget
 *   --entry <id>      only this entry (repeatable, or comma-separated)
 *   --max-mutants <n> cap per entry and language (default 5: keeps a full run near 20 minutes)
 *   --budget <ms>     soundness budget per circuit (default: what a check gives, in proportion to the circuit, ≤ 10 000)
 *   --out <path>      where to write the JSON (default bench/results/soundness.json)
 *
 * Real bugs (issue 15; bench/soundness/real-bugs/, see real-bugs-run.ts) run after the mutants and
 * write bench/results/soundness-real-bugs.json:
 *   --real-bugs       only the real-bug section (about 10 minutes on two cores)
 *   --real-bug <id>   only these cases (repeatable or comma-separated; implies --real-bugs, no circomlib;
 *                     writes soundness-real-bugs-subset.json)
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { CircomBackend } from '../compiler-harness/circom/backend.js';
import { NoirBackend } from '../compiler-harness/noir/backend.js';
import { disposeSoundnessAnalysis } from '../compiler-harness/soundness/analyze-compiled.js';
import type { Backend, CompiledCircuit, Lang } from '../compiler-harness/types.js';
import { dirname, join } from 'node:path';
import { BUILTIN_PRIMITIVES, loadEntry, type KnowledgeEntry } from '../knowledge-base/entry.js';
import { judgeCircuit, withFiles, type Judgement } from './soundness/judge.js';
import { circomMutants, noirMutants, sampleMutants } from './soundness/mutants.js';
import { entrySubject, librarySubjects, type Subject } from './soundness/subjects.js';
import { realBugFigures, realBugSummary, runRealBugs, type RealBugRecord } from './soundness/real-bugs-run.js';
import { classify, falsePositives, summaryLines, tally, timings, type BaselineRecord, type MutantRecord } from './soundness/tally.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    entry: { type: 'string', multiple: true },
    'max-mutants': { type: 'string' },
    budget: { type: 'string' },
    out: { type: 'string' },
    'real-bugs': { type: 'boolean', default: false },
    'real-bug': { type: 'string', multiple: true },
  },
});
const realBugIds = (args['real-bug'] ?? []).flatMap((e) => e.split(',')).filter(Boolean);
const realBugsOnly = (args['real-bugs'] ?? false) || realBugIds.length > 0;
const quick = args.quick ?? false;
const maxMutants = Number(args['max-mutants'] ?? (quick ? 3 : 5));
// Without --budget: the budget a check gives (in proportion to the circuit, see soundness/budget.ts).
const budgetMs = args.budget !== undefined ? Number(args.budget) : quick ? 5_000 : undefined;
const wanted = (args.entry ?? []).flatMap((e) => e.split(',')).filter(Boolean);

/** Quick mode: an even spread over the sorted entries, so every category tends to appear. */
function chooseEntries(all: KnowledgeEntry[]): KnowledgeEntry[] {
  if (wanted.length) {
    const unknown = wanted.filter((id) => !all.some((e) => e.id === id));
    if (unknown.length) throw new Error(`no knowledge-base entry ${unknown.join(', ')}`);
    return all.filter((e) => wanted.includes(e.id));
  }
  if (!quick) return all;
  const step = all.length / 10;
  return Array.from({ length: Math.min(10, all.length) }, (_, i) => all[Math.floor(i * step)]);
}

/**
 * Entries one by one: colleagues add entries while benchmarks run, and a half-written one should be
 * skipped (and named), not abort an hour of measurement as `loadEntries` would.
 */
async function loadEntriesLeniently(): Promise<{ entries: KnowledgeEntry[]; skipped: string[] }> {
  const entries: KnowledgeEntry[] = [];
  const skipped: string[] = [];
  for (const folder of readdirSync(BUILTIN_PRIMITIVES, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    try {
      entries.push(await loadEntry(join(BUILTIN_PRIMITIVES, folder.name)));
    } catch (error) {
      skipped.push(`${folder.name}: ${(error as Error).message}`);
    }
  }
  return { entries: entries.sort((a, b) => a.id.localeCompare(b.id)), skipped };
}

const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

/** The unmutated circuit (a false-positive check), then its mutants, one after another. */
async function runSubject<C extends CompiledCircuit>(backend: Backend<C>, subject: Subject, sink: { baselines: BaselineRecord[]; mutants: MutantRecord[] }) {
  const baseline = await judgeCircuit({ backend, circuit: subject.circuit, vectors: subject.vectors, budgetMs, tamper: true });
  sink.baselines.push({ name: subject.name, lang: subject.lang, judgement: baseline });
  const verdict = baseline.stillborn ?? `${baseline.analysis?.verdict} in ${baseline.analysis?.durationMs} ms`;
  log(`${subject.name}: unmutated ${verdict}${baseline.analysis?.verdict === 'unsound' ? ` FALSE POSITIVE: ${baseline.analysis.explanation}` : ''}`);
  // A broken entry says nothing about mutants of it: they would all be stillborn or meaningless.
  if (baseline.stillborn) return;
  const generate = subject.lang === 'circom' ? circomMutants : noirMutants;
  const entry = subject.name.split('/')[0];
  const all = subject.mutable.flatMap((file) => generate(entry, subject.circuit.files, file));
  for (const mutant of sampleMutants(all, maxMutants)) {
    let judgement: Judgement;
    try {
      // Tampering costs a compile per try: only where a hint's result can escape through the edit
      // (a narrower check only adds constraints, so it cannot let a hint escape).
      const circuit = withFiles(subject.circuit, mutant.files);
      const tamper = mutant.afterHint === true && mutant.operator !== 'narrow-range-check';
      judgement = await judgeCircuit({ backend, circuit, vectors: subject.vectors, budgetMs, tamper });
    } catch (error) {
      // A toolchain exception is the environment failing, not a verdict on the mutant: leave it out.
      log(`  ${mutant.name}: ERROR ${(error as Error).message}`);
      continue;
    }
    const { status, caught } = classify(judgement);
    sink.mutants.push({ name: mutant.name, entry, lang: subject.lang, operator: mutant.operator, original: mutant.original, status, caught, judgement });
    const mark = status === 'breaking' ? (caught ? 'caught' : 'SURVIVED') : status;
    log(`  ${mutant.name}: ${mark}${judgement.stillborn ? ` (${judgement.stillborn.slice(0, 80)})` : ''}`);
  }
}

/** The real-bug section alone: its own JSON, its own summary. */
async function realBugs(started: number, circom: CircomBackend): Promise<string[]> {
  // A run on a few cases must not overwrite the full section's figures.
  const file = realBugIds.length ? 'soundness-real-bugs-subset.json' : 'soundness-real-bugs.json';
  const out = realBugsOnly && args.out ? args.out : new URL(`./results/${file}`, import.meta.url).pathname;
  const write = (records: RealBugRecord[], partial: boolean) => {
    const figures = realBugFigures(records);
    const result = {
      benchmark: 'soundness-real-bugs',
      date: new Date().toISOString(),
      partial,
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg()[0] },
      mode: { budgetMs: budgetMs ?? 'proportional', cases: realBugIds.length ? realBugIds : 'all' },
      durationS: Math.round((Date.now() - started) / 1000),
      groundTruth:
        'found = the analyser says unsound and its counterexample is re-checked by the harness: the witness satisfies the R1CS with the stated inputs, and ' +
        'either an output differs from circom’s own witness for those inputs, or an input breaks a stated assumption (precondition cases)',
      figures,
      circuits: records,
    };
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
    return realBugSummary(figures);
  };
  const records = await runRealBugs({ backend: circom, budgetMs, only: realBugIds, log, progress: (r) => void write(r, true) });
  return [...write(records, false), `wrote ${out}`];
}

async function main() {
  const started = Date.now();
  if (realBugsOnly) {
    const circom = new CircomBackend();
    try {
      const lines = await realBugs(started, circom);
      console.log(['', ...lines, `(${Math.round((Date.now() - started) / 1000)} s)`].join('\n'));
    } finally {
      await Promise.all([circom.dispose(), disposeSoundnessAnalysis()]);
    }
    return;
  }
  const loaded = await loadEntriesLeniently();
  for (const problem of loaded.skipped) log(`skipped entry ${problem}`);
  const entries = chooseEntries(loaded.entries);
  const circom = new CircomBackend();
  const noir = new NoirBackend();
  const sink = { baselines: [] as BaselineRecord[], mutants: [] as MutantRecord[] };
  let realBugLines: string[] = [];
  try {
    const subject = (entry: KnowledgeEntry, lang: Lang) =>
      entrySubject(entry, lang).catch((error: Error) => void log(`${entry.id}/${lang}: skipped, ${error.message}`));
    const subjects = (await Promise.all(entries.flatMap((e) => [subject(e, 'circom'), subject(e, 'noir')]))).filter((s) => s !== undefined);
    log(`${entries.length} entries, ${subjects.length} circuits, ≤ ${maxMutants} mutants each, budget ${budgetMs === undefined ? 'in proportion to the circuit' : `${budgetMs} ms`}`);
    // The two languages use different toolchain workers, so their queues overlap on two cores; the
    // analyser itself runs one job at a time in its own worker.
    const lane = async <C extends CompiledCircuit>(lang: Lang, backend: Backend<C>) => {
      if (lang === 'circom' && !wanted.length) {
        for (const library of librarySubjects()) {
          const judgement = await judgeCircuit({ backend, circuit: library.circuit, vectors: { accept: [], reject: [], forge: [] }, inputs: library.inputs, budgetMs });
          sink.baselines.push({ name: library.name, lang, judgement });
          log(`${library.name}: ${judgement.stillborn ?? judgement.analysis?.verdict} in ${judgement.analysis?.durationMs} ms`);
        }
      }
      for (const subject of subjects.filter((s) => s.lang === lang)) {
        try {
          await runSubject(backend, subject, sink);
        } catch (error) {
          // One entry's toolchain crash should cost that entry, not the whole run.
          log(`${subject.name}: ERROR ${(error as Error).stack ?? error}`);
        }
        // Written as we go, so a run stopped early still leaves its figures (marked partial).
        writeResult({ started, entries, skipped: loaded.skipped, sink, partial: true });
      }
    };
    await Promise.all([lane('circom', circom), lane('noir', noir)]);
    if (!wanted.length) realBugLines = await realBugs(Date.now(), circom);
  } finally {
    await Promise.all([circom.dispose(), noir.dispose(), disposeSoundnessAnalysis()]);
  }

  const counts = writeResult({ started, entries, skipped: loaded.skipped, sink, partial: false });
  console.log(['', ...counts.summary, ...realBugLines, `(${Math.round((Date.now() - started) / 1000)} s) wrote ${args.out ?? 'bench/results/soundness.json'}`].join('\n'));
}

function writeResult(run: { started: number; entries: KnowledgeEntry[]; skipped: string[]; sink: { baselines: BaselineRecord[]; mutants: MutantRecord[] }; partial: boolean }) {
  const { sink } = run;
  const counts = tally(sink.mutants);
  const fp = falsePositives(sink.baselines);
  const time = timings([...sink.baselines, ...sink.mutants]);
  const result = {
    benchmark: 'soundness',
    date: new Date().toISOString(),
    partial: run.partial,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverage: loadavg()[0] },
    mode: { quick, entries: run.entries.map((e) => e.id), skippedEntries: run.skipped, maxMutantsPerCircuit: maxMutants, budgetMs: budgetMs ?? 'proportional' },
    durationS: Math.round((Date.now() - run.started) / 1000),
    groundTruth:
      'breaking = compiles, passes every accept vector, and one of: a forge vector is accepted by the harness; the analyser’s counterexample ' +
      'is re-checked by the harness (Circom: checkWitness on the R1CS, same inputs, different output; Noir: forge with the claimed return value); ' +
      'Noir: a perturbed answer at one hint call site executes with a different return value and bb.js accepts the witness',
    counts,
    falsePositives: fp,
    timing: time,
    mutants: sink.mutants.map(({ judgement, ...rest }) => ({ ...rest, ...judgement })),
  };
  const out = args.out ?? new URL('./results/soundness.json', import.meta.url).pathname;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  return { summary: summaryLines(counts, fp, time) };
}
await main();
