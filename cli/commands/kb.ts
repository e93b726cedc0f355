import { existsSync } from 'node:fs';
import { cp, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { createBackend } from '../../compiler-harness/index.js';
import { disposeSoundnessAnalysis } from '../../compiler-harness/soundness/analyze-compiled.js';
import { formatCheckReport } from '../../compiler-harness/report-text.js';
import { zkcoderHome } from '../../compiler-harness/home.js';
import { EntryError, loadEntry, type KnowledgeEntry } from '../../knowledge-base/entry.js';
import { KnowledgeBase, userPrimitivesDir } from '../../knowledge-base/search.js';
import { verifyEntry, type EntryVerdict, type Form } from '../../knowledge-base/verify.js';
import { FatalError } from '../fatal.js';
import { table } from '../table.js';

export function registerKnowledgeBase(program: Command): void {
  const kb = program.command('kb').description('the knowledge base of verified primitives');

  kb.command('list')
    .description('list the entries')
    .option('--json', 'print JSON')
    .action(async (flags: { json?: boolean }) => {
      const base = await openKnowledgeBase();
      if (flags.json) return print(JSON.stringify(base.entries.map(summary), null, 2));
      print(table(['id', 'category', 'name', 'origin'], base.entries.map((e) => [e.id, e.category, e.name, e.origin])));
    });

  kb.command('show')
    .description('show one entry: what it proves, parameters, sources')
    .argument('<id>')
    .option('--json', 'print JSON')
    .action(async (id: string, flags: { json?: boolean }) => {
      const entry = (await openKnowledgeBase()).get(id);
      if (!entry) throw new FatalError(`no entry "${id}" (see zkcoder kb list)`);
      if (flags.json) return print(JSON.stringify(entry, null, 2));
      const params = entry.parameters.map((p) => `${p.name}=${p.default}${p.description ? ` (${p.description})` : ''}`).join(', ');
      print(`${entry.name} [${entry.id}, ${entry.category}]\n\n${entry.description}\n\nparameters: ${params || 'none'}\ntags: ${entry.tags.join(', ')}\nfolder: ${entry.dir}`);
    });

  kb.command('search')
    .description('find entries for a task, in plain words')
    .argument('<query>')
    .option('-k <count>', 'number of results', '5')
    .option('--json', 'print JSON')
    .action(async (query: string, flags: { k: string; json?: boolean }) => {
      const k = Number(flags.k);
      if (!Number.isInteger(k) || k < 1) throw new FatalError(`-k: "${flags.k}" is not a positive integer`);
      const hits = await (await openKnowledgeBase()).search(query, k);
      if (flags.json) return print(JSON.stringify(hits.map((h) => ({ id: h.entry.id, score: h.score, reason: h.reason })), null, 2));
      print(table(['score', 'id', 'category', 'why'], hits.map((h) => [h.score.toFixed(3), h.entry.id, h.entry.category, h.reason])));
    });

  kb.command('verify')
    .description('run every entry (or one) in Circom, Noir and ZKSL against its vectors')
    .option('--id <id>', 'only this entry')
    .option('--lang <form>', 'only this form: circom | noir | zksl')
    .option('--json', 'print JSON')
    .action(async (flags: { id?: string; lang?: Form; json?: boolean }) => {
      if (flags.lang && !['circom', 'noir', 'zksl'].includes(flags.lang)) throw new FatalError(`--lang: unknown form "${flags.lang}"`);
      const base = await openKnowledgeBase();
      const entries = flags.id ? [base.get(flags.id) ?? fail(`no entry "${flags.id}"`)] : base.entries;
      const verdicts = await verifyEntries(entries, flags.lang ? [flags.lang] : undefined);
      if (flags.json) print(JSON.stringify(verdicts.map(({ forms, ...v }) => ({ ...v, forms: forms.map(({ report: _r, ...f }) => f) })), null, 2));
      else printVerdicts(verdicts);
      process.exitCode = verdicts.every((v) => v.verified) ? 0 : 1;
    });

  kb.command('add')
    .description('verify a new entry folder and add it to your knowledge base')
    .argument('<dir>')
    .action(async (dir: string) => {
      const full = resolve(dir);
      let entry: KnowledgeEntry;
      try {
        entry = await loadEntry(full, 'user');
      } catch (error) {
        throw error instanceof EntryError ? new FatalError(error.message) : error;
      }
      const [verdict] = await verifyEntries([entry]);
      if (!verdict.verified) {
        printVerdicts([verdict]);
        for (const f of verdict.forms) if (f.report && f.status === 'fail') print(formatCheckReport(f.report));
        throw new FatalError(`${entry.id}: refused: not every form passes its vectors`, 1);
      }
      const target = join(userPrimitivesDir(zkcoderHome()), entry.id);
      if (existsSync(target)) throw new FatalError(`${entry.id}: already in your knowledge base (${target})`);
      await mkdir(userPrimitivesDir(zkcoderHome()), { recursive: true });
      await cp(full, target, { recursive: true });
      print(`added ${entry.id} to ${target}; it is indexed on the next search`);
    });
}

async function openKnowledgeBase(): Promise<KnowledgeBase> {
  try {
    return await KnowledgeBase.open();
  } catch (error) {
    throw error instanceof EntryError ? new FatalError(error.message) : error;
  }
}

async function verifyEntries(entries: KnowledgeEntry[], forms?: Form[]): Promise<EntryVerdict[]> {
  const circom = await createBackend('circom');
  const noir = await createBackend('noir');
  try {
    const verdicts: EntryVerdict[] = [];
    for (const entry of entries) verdicts.push(await verifyEntry(entry, { circom, noir, forms }));
    return verdicts;
  } finally {
    await circom.dispose();
    await noir.dispose();
    await disposeSoundnessAnalysis();
  }
}

function printVerdicts(verdicts: EntryVerdict[]): void {
  const cell = (v: EntryVerdict, form: Form) => v.forms.find((f) => f.form === form)!;
  const rows = verdicts.map((v) => [
    v.id,
    v.category,
    String(cell(v, 'circom').constraints ?? '-'),
    String(cell(v, 'noir').constraints ?? '-'),
    (['circom', 'noir', 'zksl'] as const).map((f) => `${f}:${cell(v, f).status}`).join(' '),
    v.verified ? 'verified' : 'NOT VERIFIED',
  ]);
  print(table(['id', 'category', 'circom constraints', 'noir opcodes', 'forms', 'status'], rows));
  for (const v of verdicts) {
    for (const f of v.forms) if (f.status === 'fail') print(`  ${v.id} ${f.form}: ${f.summary}`);
  }
  const verified = verdicts.filter((v) => v.verified).length;
  print(`${verified}/${verdicts.length} entries verified`);
}

function summary(entry: KnowledgeEntry) {
  return { id: entry.id, name: entry.name, category: entry.category, origin: entry.origin, tags: entry.tags };
}

function fail(message: string): never {
  throw new FatalError(message);
}

function print(text: string): void {
  console.log(text);
}
