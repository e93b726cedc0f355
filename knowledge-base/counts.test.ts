import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../compiler-harness/index.js';
import type { Backend } from '../compiler-harness/types.js';
import { circomlibProblem, compareCounts, measureCircomlib, writeCounts } from './counts.js';
import { BUILTIN_PRIMITIVES, loadEntries, loadEntry, type KnowledgeEntry } from './entry.js';

let circom: Backend | undefined;
afterAll(async () => {
  await circom?.dispose();
});

/** A builtin entry with some fields replaced, without touching its files. */
async function entryWith(id: string, change: (entry: KnowledgeEntry) => void): Promise<KnowledgeEntry> {
  const entry = await loadEntry(join(BUILTIN_PRIMITIVES, id));
  change(entry);
  return entry;
}

describe('recorded counts', () => {
  it('every circomlib counterpart an entry names compiles at its parameters to the recorded count', async () => {
    circom ??= await createBackend('circom');
    const entries = (await loadEntries()).filter((e) => e.counts.circomlib);
    expect(entries.length).toBeGreaterThanOrEqual(28);
    const wrong: string[] = [];
    for (const entry of entries) {
      const measured = await measureCircomlib(entry, circom);
      const recorded = entry.counts.circomlib!.constraints;
      if (!('constraints' in measured)) wrong.push(`${entry.id}: ${measured.problem}`);
      else if (measured.constraints !== recorded) wrong.push(`${entry.id}: ${entry.counts.circomlib!.template} has ${measured.constraints}, entry.json says ${recorded}`);
      // Where ours is larger, the entry says why.
      const rule = circomlibProblem(entry, entry.counts.circomConstraints);
      if (rule) wrong.push(`${entry.id}: ${rule}`);
    }
    expect(wrong).toEqual([]);
  }, 300_000);

  it('names a counterpart that does not compile, and catches a wrong recorded number', async () => {
    circom ??= await createBackend('circom');
    const misspelt = await entryWith('less-than', (e) => (e.counts.circomlib!.template = 'LessThen'));
    expect(await measureCircomlib(misspelt, circom)).toMatchObject({ problem: expect.stringMatching(/^circomlib LessThen\(8\) from comparators.circom does not compile: /) });
    const lessThan = await entryWith('less-than', (e) => (e.counts.circomlib!.constraints = 9));
    const measured = await measureCircomlib(lessThan, circom);
    expect(measured).toEqual({ constraints: 12 });
    expect(compareCounts(lessThan, { circomlib: 12 })).toEqual([{ name: 'circomlib', recorded: 9, measured: 12, status: 'mismatch' }]);
  }, 120_000);

  it('requires a note when ours is larger than a comparable circomlib gadget', async () => {
    const silent = await entryWith('logic-and', (e) => delete e.counts.circomlib!.note);
    expect(circomlibProblem(silent, 3)).toBe("3 constraints against circomlib AND's 1: say why in counts.circomlib.note (usually soundness)");
    expect(circomlibProblem(silent, 1)).toBeUndefined();
    expect(circomlibProblem(await entryWith('logic-and', () => {}), 3)).toBeUndefined();
  });

  it('compares measured with recorded counts and writes measured ones back, keeping the rest', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'zkcoder-counts-')), 'select-by-index');
    cpSync(join(BUILTIN_PRIMITIVES, 'select-by-index'), dir, { recursive: true });
    const entry = await loadEntry(dir);
    const before = JSON.parse(readFileSync(join(dir, 'entry.json'), 'utf8'));
    const recorded = entry.counts.circomConstraints!;
    const checks = compareCounts(entry, { circomConstraints: recorded, noirOpcodes: 99, noirGates: 1234, circomlib: 11 }, { update: true });
    expect(checks.map((c) => [c.name, c.status])).toEqual([
      ['circomConstraints', 'match'],
      ['noirOpcodes', 'updated'],
      ['noirGates', entry.counts.noirGates === 1234 ? 'match' : 'updated'],
      ['circomlib', 'updated'],
    ]);
    await writeCounts(dir, checks);
    const text = readFileSync(join(dir, 'entry.json'), 'utf8');
    const after = JSON.parse(text);
    expect(after.counts).toEqual({ ...before.counts, noirOpcodes: 99, noirGates: 1234, circomlib: { ...before.counts.circomlib, constraints: 11 } });
    expect({ ...after, counts: undefined }).toEqual({ ...before, counts: undefined });
    expect(text).toContain('"params": [1, 4]');
    expect((await loadEntry(dir)).counts.noirGates).toBe(1234);
  });
});
