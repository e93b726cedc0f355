/**
 * The real-bug section of `npm run bench:soundness` (issue 15): every buggy circuit of
 * bench/soundness/real-bugs/ must be found with a counterexample the harness re-checks, and every
 * fixed twin and circomlib template must never be called unsound.
 *
 * Re-check (judge.ts): the witness satisfies the R1CS (the backend's own reader), carries the stated
 * inputs, and either has a different output from circom's own witness for the same inputs, or (a
 * precondition bypass) has an input that breaks one of the case's stated assumptions.
 */
import type { CircomCompiled } from '../../compiler-harness/circom/backend.js';
import type { Backend } from '../../compiler-harness/types.js';
import { median } from '../stats.js';
import { judgeCircuit, type Judgement } from './judge.js';
import { loadRealBugs, type BugClass, type RealBugCase } from './real-bugs.js';
import { librarySubjects } from './subjects.js';

export interface RealBugRecord {
  id: string;
  variant: 'bug' | 'fixed' | 'circomlib';
  bugClass?: BugClass;
  sources?: string[];
  assumptions?: string[];
  /** Wall time of the whole judgement (compile, vectors, analysis, re-check), ms. */
  wallMs: number;
  judgement: Judgement;
}

const NO_VECTORS = { accept: [], reject: [], forge: [] };

export async function runRealBugs(options: {
  backend: Backend<CircomCompiled>;
  /** Omitted: the budget a check gives (in proportion to the circuit). */
  budgetMs: number | undefined;
  only?: string[];
  log: (line: string) => void;
  /** Called after each circuit, so a stopped run still leaves its figures. */
  progress?: (records: RealBugRecord[]) => void;
}): Promise<RealBugRecord[]> {
  const { backend, budgetMs, log } = options;
  const records: RealBugRecord[] = [];
  const cases = loadRealBugs().filter((c) => !options.only?.length || options.only.includes(c.id));
  const judge = async (record: Omit<RealBugRecord, 'wallMs' | 'judgement'>, run: () => Promise<Judgement>) => {
    const start = performance.now();
    let judgement: Judgement;
    try {
      judgement = await run();
    } catch (error) {
      // The toolchain failing is not a verdict on the circuit: record it as stillborn, keep going.
      judgement = { forgeAccepted: [], rejectAccepted: [], stillborn: `error: ${(error as Error).message.split('\n')[0]}` };
    }
    const full = { ...record, wallMs: Math.round(performance.now() - start), judgement };
    records.push(full);
    log(`${record.variant} ${record.id}: ${describe(full)}`);
    options.progress?.(records);
  };
  for (const c of cases) {
    const base = { id: c.id, bugClass: c.bugClass, sources: c.sources, assumptions: c.assumptions };
    for (const variant of ['bug', 'fixed'] as const) {
      await judge({ ...base, variant }, () => judgeCase(backend, c, variant, budgetMs));
    }
  }
  if (!options.only?.length) {
    for (const library of librarySubjects()) {
      await judge({ id: library.name, variant: 'circomlib' }, () => judgeCircuit({ backend, circuit: library.circuit, vectors: NO_VECTORS, inputs: library.inputs, budgetMs }));
    }
  }
  return records;
}

function judgeCase(backend: Backend<CircomCompiled>, c: RealBugCase, variant: 'bug' | 'fixed', budgetMs: number | undefined): Promise<Judgement> {
  const vectors = { accept: [{ inputs: c.inputs }], reject: [], forge: [] };
  return judgeCircuit({ backend, circuit: c[variant], vectors, budgetMs, assumptions: c.assumptions });
}

function describe(record: RealBugRecord): string {
  const { judgement: j } = record;
  if (j.stillborn) return `STILLBORN ${j.stillborn}`;
  const a = j.analysis;
  const verdict = a?.verdict === 'unsound' ? `unsound (${a.kind}; re-check ${String(j.counterexampleVerified)})` : (a?.verdict ?? 'not analysed');
  const lints = a?.lints.length ? `, lints ${a.lints.join(' ')}` : '';
  return `${verdict} in ${a?.durationMs ?? '?'} ms${lints}`;
}

const found = (r: RealBugRecord) => r.judgement.analysis?.verdict === 'unsound' && r.judgement.counterexampleVerified === true;
const claimed = (r: RealBugRecord) => r.judgement.analysis?.verdict === 'unsound';
const linted = (r: RealBugRecord) => (r.judgement.analysis?.lints.length ?? 0) > 0;
const rate = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
const secs = (ms: number[]) => (ms.length ? Math.round(median(ms)) / 1000 : null);

/** The section's figures: detection, lint-only hits, false claims and time per circuit. */
export function realBugFigures(records: RealBugRecord[]) {
  const bugs = records.filter((r) => r.variant === 'bug');
  const usable = bugs.filter((r) => !r.judgement.stillborn);
  const clean = records.filter((r) => r.variant !== 'bug' && !r.judgement.stillborn);
  const byClass: Record<string, { cases: number; found: number; lintOnly: number }> = {};
  for (const r of usable) {
    const row = (byClass[r.bugClass ?? '?'] ??= { cases: 0, found: 0, lintOnly: 0 });
    row.cases++;
    if (found(r)) row.found++;
    else if (linted(r)) row.lintOnly++;
  }
  const analysed = (list: RealBugRecord[]) => list.filter((r) => r.judgement.analysis && !r.judgement.analysis.threw).map((r) => r.judgement.analysis!.durationMs);
  return {
    bugs: usable.length,
    stillborn: records.filter((r) => r.judgement.stillborn).map((r) => `${r.variant} ${r.id}: ${r.judgement.stillborn}`),
    found: usable.filter(found).length,
    foundPercent: rate(usable.filter(found).length, usable.length),
    /** Claimed unsound, but the harness could not confirm the counterexample: not counted as found. */
    unconfirmedClaims: usable.filter((r) => claimed(r) && !found(r)).map((r) => ({ id: r.id, recheck: r.judgement.counterexampleVerified })),
    lintOnly: usable.filter((r) => !found(r) && linted(r)).length,
    missed: usable.filter((r) => !found(r) && !linted(r)).map((r) => `${r.id} (${r.bugClass})`),
    byClass,
    fixedTwins: clean.filter((r) => r.variant === 'fixed').length,
    circomlibTemplates: clean.filter((r) => r.variant === 'circomlib').length,
    /** Any `unsound` verdict on a fixed twin or a circomlib template. */
    falseClaims: clean.filter(claimed).map((r) => ({ id: r.id, variant: r.variant, explanation: r.judgement.analysis?.explanation, recheck: r.judgement.counterexampleVerified })),
    fixedWithLints: clean.filter((r) => r.variant === 'fixed' && linted(r)).map((r) => `${r.id}: ${r.judgement.analysis!.lints.join(' ')}`),
    circomlibWithLints: clean.filter((r) => r.variant === 'circomlib' && linted(r)).map((r) => `${r.id}: ${r.judgement.analysis!.lints.join(' ')}`),
    medianAnalysisS: { bugs: secs(analysed(usable)), clean: secs(analysed(clean)), all: secs(analysed([...usable, ...clean])) },
    medianWallS: { bugs: secs(usable.map((r) => r.wallMs)), all: secs(records.map((r) => r.wallMs)) },
  };
}

export function realBugSummary(f: ReturnType<typeof realBugFigures>): string[] {
  const classes = Object.entries(f.byClass).map(([k, v]) => `${k} ${v.found}/${v.cases}`).join(', ');
  return [
    `real bugs: ${f.found}/${f.bugs} found with a re-checked counterexample (${f.foundPercent} %), ${f.lintOnly} more only as a lint; by class: ${classes}`,
    `false claims: ${f.falseClaims.length} on ${f.fixedTwins} fixed twins and ${f.circomlibTemplates} circomlib templates; lints on ${f.fixedWithLints.length} fixed twins, ${f.circomlibWithLints.length} templates`,
    `median analysis ${f.medianAnalysisS.all} s per circuit (bugs ${f.medianAnalysisS.bugs} s, clean ${f.medianAnalysisS.clean} s); median wall ${f.medianWallS.all} s`,
    ...(f.unconfirmedClaims.length ? [`unconfirmed claims on bugs: ${f.unconfirmedClaims.map((c) => c.id).join(', ')}`] : []),
    ...(f.stillborn.length ? [`stillborn: ${f.stillborn.join('; ')}`] : []),
  ];
}
