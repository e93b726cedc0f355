/**
 * From per-mutant judgements to the benchmark's figures. The rate's denominator is ground truth the
 * harness established (a forge vector accepted, or a re-checked counterexample); mutants nobody
 * could break are listed for a human rather than silently counted either way.
 */
import type { Lang } from '../../compiler-harness/types.js';
import { median } from '../stats.js';
import type { Judgement } from './judge.js';
import type { MutationOperator } from './mutants.js';

export type MutantStatus =
  /** Does not compile, or refuses / miscomputes an accept vector: not a circuit anyone would ship. */
  | 'stillborn'
  /** A forgery the harness accepts exists: a forge vector, or the analyser's re-checked counterexample. */
  | 'breaking'
  /** The analyser claims a counterexample the harness could not confirm, and no forge vector passes. */
  | 'unconfirmed-claim'
  /** Neither the forge vectors nor the analyser found anything: equivalent, or a miss of both. */
  | 'undetermined';

export interface MutantRecord {
  name: string;
  entry: string;
  lang: Lang;
  operator: MutationOperator;
  original: string;
  status: MutantStatus;
  /** The analyser said `unsound` with a counterexample. */
  caught: boolean;
  judgement: Judgement;
}

export interface BaselineRecord {
  name: string;
  lang: Lang;
  judgement: Judgement;
}

export function classify(judgement: Judgement): { status: MutantStatus; caught: boolean } {
  const caught = judgement.analysis?.verdict === 'unsound';
  if (judgement.stillborn) return { status: 'stillborn', caught: false };
  if (judgement.forgeAccepted.length > 0 || judgement.counterexampleVerified === true || judgement.tamper?.found) return { status: 'breaking', caught };
  return { status: caught ? 'unconfirmed-claim' : 'undetermined', caught };
}



export function tally(mutants: MutantRecord[]) {
  const breaking = mutants.filter((m) => m.status === 'breaking');
  const caught = breaking.filter((m) => m.caught);
  const survivors = breaking.filter((m) => !m.caught);
  const independent = breaking.filter((m) => m.judgement.forgeAccepted.length > 0 || m.judgement.tamper?.found);
  const byOperator: Record<string, { generated: number; stillborn: number; breaking: number; caught: number }> = {};
  for (const m of mutants) {
    const key = `${m.lang}:${m.operator}`;
    const row = (byOperator[key] ??= { generated: 0, stillborn: 0, breaking: 0, caught: 0 });
    row.generated++;
    if (m.status === 'stillborn') row.stillborn++;
    if (m.status === 'breaking') row.breaking++;
    if (m.status === 'breaking' && m.caught) row.caught++;
  }
  return {
    generated: mutants.length,
    stillborn: mutants.filter((m) => m.status === 'stillborn').length,
    soundnessBreaking: breaking.length,
    breakingByForgeVector: breaking.filter((m) => m.judgement.forgeAccepted.length > 0).length,
    breakingByHintTamper: breaking.filter((m) => m.judgement.tamper?.found).length,
    breakingOnlyByCounterexample: breaking.filter((m) => m.judgement.forgeAccepted.length === 0 && !m.judgement.tamper?.found).length,
    caughtWithCounterexample: caught.length,
    catchRate: rate(caught.length, breaking.length),
    // The same rate on mutants the harness broke without the analyser's help (forge vector or hint
    // tamper): the headline rate counts re-checked analyser finds, which can only raise it.
    catchRateIndependent: rate(independent.filter((m) => m.caught).length, independent.length),
    independentlyBreaking: independent.length,
    lintOnly: survivors.filter((m) => (m.judgement.analysis?.lints.length ?? 0) > 0).length,
    survivors: survivors.map((m) => ({
      name: m.name,
      original: m.original,
      forgeAccepted: m.judgement.forgeAccepted,
      tamper: m.judgement.tamper?.found,
      lints: m.judgement.analysis?.lints ?? [],
      incomplete: m.judgement.analysis?.incomplete,
      analyserSkipped: m.judgement.analysis?.skipped ?? [],
    })),
    unconfirmedClaims: mutants
      .filter((m) => m.status === 'unconfirmed-claim')
      .map((m) => ({ name: m.name, original: m.original, recheck: m.judgement.counterexampleVerified, explanation: m.judgement.analysis?.explanation })),
    // Caught mutants whose counterexample the harness rejected although a forge vector shows the bug.
    caughtButCounterexampleRejected: breaking
      .filter((m) => m.caught && m.judgement.counterexampleVerified !== true)
      .map((m) => ({ name: m.name, recheck: m.judgement.counterexampleVerified })),
    undetermined: mutants
      .filter((m) => m.status === 'undetermined')
      .map((m) => ({
        name: m.name,
        original: m.original,
        acceptsRejectVectors: m.judgement.rejectAccepted,
        lints: m.judgement.analysis?.lints ?? [],
        analyserSkipped: m.judgement.analysis?.skipped ?? [],
        incomplete: m.judgement.analysis?.incomplete,
      })),
    analyserThrew: mutants.filter((m) => m.judgement.analysis?.threw).map((m) => ({ name: m.name, message: m.judgement.analysis?.incomplete })),
    byOperator,
  };
}

function rate(part: number, whole: number): number | null {
  return whole ? Math.round((part / whole) * 1000) / 1000 : null;
}

/** `unsound` verdicts on circuits that are sound by construction (entries, circomlib). */
export function falsePositives(baselines: BaselineRecord[]) {
  const flagged = baselines.filter((b) => b.judgement.analysis?.verdict === 'unsound');
  return {
    count: flagged.length,
    checked: baselines.filter((b) => b.judgement.analysis).length,
    list: flagged.map((b) => ({ name: b.name, kind: b.judgement.analysis?.kind, explanation: b.judgement.analysis?.explanation, recheck: b.judgement.counterexampleVerified })),
    // Entries the harness itself shows unsound (a forge vector or a hint tamper): knowledge-base bugs, not false positives.
    unsoundByGroundTruth: baselines
      .filter((b) => b.judgement.forgeAccepted.length > 0 || b.judgement.tamper?.found)
      .map((b) => ({ name: b.name, forgeAccepted: b.judgement.forgeAccepted, tamper: b.judgement.tamper?.found })),
    // Sound circuits that did not even run: a broken entry, not an analyser result.
    notAnalysed: baselines.filter((b) => !b.judgement.analysis).map((b) => ({ name: b.name, why: b.judgement.stillborn ?? 'no honest inputs' })),
    incomplete: baselines.filter((b) => b.judgement.analysis?.incomplete).map((b) => ({ name: b.name, why: b.judgement.analysis?.incomplete })),
  };
}

/** Median and p95 analysis time for circuits under 1k constraints (Noir: ACIR opcodes), per language. */
export function timings(judgements: { lang: Lang; judgement: Judgement }[]) {
  const result: Record<string, { analyses: number; medianMs: number | null; p95Ms: number | null; maxMs: number | null }> = {};
  for (const lang of ['circom', 'noir'] as const) {
    const times = judgements
      .filter((j) => j.lang === lang && j.judgement.analysis && !j.judgement.analysis.threw && (j.judgement.constraints ?? Infinity) < 1000)
      .map((j) => j.judgement.analysis!.durationMs)
      .sort((a, b) => a - b);
    result[lang] = {
      analyses: times.length,
      medianMs: times.length ? Math.round(median(times)) : null,
      p95Ms: times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil(times.length * 0.95) - 1)]) : null,
      maxMs: times.length ? Math.round(times[times.length - 1]) : null,
    };
  }
  return result;
}

/** A few lines for the terminal. */
export function summaryLines(counts: ReturnType<typeof tally>, fp: ReturnType<typeof falsePositives>, time: ReturnType<typeof timings>): string[] {
  const shown = counts.catchRate === null ? 'n/a' : `${(counts.catchRate * 100).toFixed(1)}%`;
  const lines = [
    `mutants: ${counts.generated} generated, ${counts.stillborn} stillborn, ${counts.soundnessBreaking} soundness-breaking ` +
      `(${counts.breakingByForgeVector} by a forge vector), ${counts.undetermined.length} undetermined, ${counts.unconfirmedClaims.length} unconfirmed claims`,
    `caught with counterexample: ${counts.caughtWithCounterexample}/${counts.soundnessBreaking} = ${shown} (target ≥ 90%); lint-only: ${counts.lintOnly}; ` +
      `on the ${counts.independentlyBreaking} broken without the analyser: ${counts.catchRateIndependent === null ? 'n/a' : `${(counts.catchRateIndependent * 100).toFixed(1)}%`}`,
    `false positives: ${fp.count} unsound verdicts on ${fp.checked} sound circuits (target 0)`,
    ...Object.entries(time).map(([lang, t]) => `${lang} analysis (<1k constraints): median ${t.medianMs ?? '-'} ms, p95 ${t.p95Ms ?? '-'} ms over ${t.analyses}`),
  ];
  if (counts.survivors.length) lines.push('survivors:', ...counts.survivors.map((s) => `  ${s.name}  \`${s.original}\``));
  if (fp.list.length) lines.push('false positives:', ...fp.list.map((f) => `  ${f.name}: ${f.explanation}`));
  return lines;
}


