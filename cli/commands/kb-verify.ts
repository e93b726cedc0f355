/**
 * `kb verify` and `kb add`: every form of an entry run against its vectors, and the table of
 * verdicts. Apart from kb.ts because it loads both toolchains, which listing and searching never need.
 */
import { createBackend } from '../../compiler-harness/index.js';
import { formatCheckReport } from '../../compiler-harness/report-text.js';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import type { CountCheck, CountName } from '../../knowledge-base/counts.js';
import type { KnowledgeEntry } from '../../knowledge-base/entry.js';
import { verifyEntry, type EntryVerdict, type Form } from '../../knowledge-base/verify.js';
import { table } from '../table.js';

export async function verifyEntries(entries: KnowledgeEntry[], options: { forms?: Form[]; updateCounts?: boolean } = {}): Promise<EntryVerdict[]> {
  // Each backend compiles an entry's own form and its lowered sketch: verifying every entry is a long
  // session, worth optimising the compiler for (one entry is not).
  const compiles = entries.length * 2;
  const circom = await createBackend('circom', { compiles });
  const noir = await createBackend('noir', { compiles });
  try {
    const verdicts: EntryVerdict[] = [];
    for (const entry of entries) verdicts.push(await verifyEntry(entry, { circom, noir, ...options }));
    return verdicts;
  } finally {
    await circom.dispose();
    await noir.dispose();
    await disposeSoundnessAnalysis();
  }
}

export const COUNT_LABELS: Record<CountName, string> = {
  circomConstraints: 'circom constraints',
  noirOpcodes: 'noir opcodes',
  noirGates: 'noir gates',
  circomlib: 'circomlib constraints',
};

export function printVerdicts(verdicts: EntryVerdict[]): void {
  const cell = (v: EntryVerdict, form: Form) => v.forms.find((f) => f.form === form)!;
  const count = (v: EntryVerdict, name: CountName) => countCell(v.counts.find((c) => c.name === name));
  const rows = verdicts.map((v) => [
    v.id,
    v.category,
    count(v, 'circomConstraints'),
    count(v, 'noirOpcodes'),
    count(v, 'noirGates'),
    count(v, 'circomlib'),
    (['circom', 'noir', 'zksl'] as const).map((f) => `${f}:${cell(v, f).status}`).join(' '),
    entryStatus(v),
  ]);
  print(table(['id', 'category', 'circom constraints', 'noir opcodes', 'noir gates', 'circomlib', 'forms', 'status'], rows));
  for (const v of verdicts) {
    for (const f of v.forms) if (f.status === 'fail') print(`  ${v.id} ${f.form}: ${f.summary}`);
    for (const c of v.counts) {
      if (c.status === 'mismatch') print(`  ${v.id}: ${COUNT_LABELS[c.name]}: measured ${c.measured}, entry.json ${c.recorded === undefined ? 'records none' : `says ${c.recorded}`} (--update-counts writes it)`);
      if (c.status === 'updated') print(`  ${v.id}: ${COUNT_LABELS[c.name]}: ${c.recorded ?? 'none'} → ${c.measured} written to entry.json`);
    }
    for (const problem of v.problems) print(`  ${v.id}: ${problem}`);
  }
  const verified = verdicts.filter((v) => v.verified).length;
  const partial = verdicts.filter((v) => v.passed && !v.verified).length;
  print(`${verified}/${verdicts.length} entries verified${partial ? `, ${partial} passed the forms checked` : ''}`);
}

/** `30`, or `31≠30` when entry.json says otherwise, or `-` when not measured. */
function countCell(check: CountCheck | undefined): string {
  if (!check) return '-';
  if (check.status === 'match') return String(check.measured);
  if (check.status === 'updated') return `${check.measured} (was ${check.recorded ?? 'none'})`;
  return `${check.measured}≠${check.recorded ?? 'none'}`;
}

/** `verified`, `circom ok (noir, zksl not checked)` when forms were skipped, or `NOT VERIFIED`. */
function entryStatus(v: EntryVerdict): string {
  if (v.verified) return 'verified';
  if (!v.passed) return 'NOT VERIFIED';
  const ran = v.forms.filter((f) => f.status !== 'skipped').map((f) => f.form);
  const skipped = v.forms.filter((f) => f.status === 'skipped').map((f) => f.form);
  return `${ran.join(', ')} ok (${skipped.join(', ')} not checked)`;
}

/** The full check report of each form that failed. */
export function printFailedReports(verdict: EntryVerdict): void {
  for (const f of verdict.forms) if (f.report && f.status === 'fail') print(formatCheckReport(f.report));
}

function print(text: string): void {
  console.log(text);
}
