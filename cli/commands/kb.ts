import { existsSync } from 'node:fs';
import { copyFolderInsideSync } from '../../compiler-harness/files/write-gate.js';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { zkcoderHome } from '../../compiler-harness/home.js';
import { writeCounts } from '../../knowledge-base/counts.js';
import { EntryError, loadEntries, loadEntry, type KnowledgeEntry } from '../../knowledge-base/entry.js';
import { chooseEmbedder, EMBEDDER_KINDS, type EmbedderChoice } from '../../knowledge-base/index/choose-embedder.js';
import { EmbedderError } from '../../knowledge-base/index/model-embedder.js';
import { KnowledgeBase, userPrimitivesDir } from '../../knowledge-base/search.js';
import type { Form } from '../../knowledge-base/verify.js';
import { FatalError, refusedAsFatal } from '../fatal.js';
import { table } from '../table.js';

/** Verifying loads both toolchains: only `kb verify` and `kb add` import it. */
const verifying = () => import('./kb-verify.js');

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
    .option('--embedder <kind>', `${EMBEDDER_KINDS.join(' | ')} (default: ZKCODER_EMBEDDER or hashed, offline)`)
    .option('--embedding-model <name>', 'model of a model embedder (default: ZKCODER_EMBEDDING_MODEL; openai: text-embedding-3-small)')
    .option('--embedding-url <url>', 'openai-compatible server, e.g. http://localhost:11434/v1 (default: ZKCODER_EMBEDDING_URL)')
    .option('--json', 'print JSON')
    .action(async (query: string, flags: { k: string; json?: boolean; embedder?: string; embeddingModel?: string; embeddingUrl?: string }) => {
      const k = Number(flags.k);
      if (!Number.isInteger(k) || k < 1) throw new FatalError(`-k: "${flags.k}" is not a positive integer`);
      const choice: EmbedderChoice = { kind: flags.embedder, model: flags.embeddingModel, baseURL: flags.embeddingUrl };
      const hits = await embedding(async () => (await openKnowledgeBase(choice)).search(query, k));
      if (flags.json) return print(JSON.stringify(hits.map((h) => ({ id: h.entry.id, score: h.score, reason: h.reason })), null, 2));
      print(table(['score', 'id', 'category', 'why'], hits.map((h) => [h.score.toFixed(3), h.entry.id, h.entry.category, h.reason])));
    });

  kb.command('verify')
    .description('run every entry (or one) in Circom, Noir and ZKSL against its vectors')
    .option('--id <id>', 'only this entry')
    .option('--lang <form>', 'only this form: circom | noir | zksl')
    .option('--update-counts', 'write the measured constraint, opcode and gate counts into entry.json instead of failing on a difference')
    .option('--json', 'print JSON')
    .action(async (flags: { id?: string; lang?: Form; json?: boolean; updateCounts?: boolean }) => {
      if (flags.lang && !['circom', 'noir', 'zksl'].includes(flags.lang)) throw new FatalError(`--lang: unknown form "${flags.lang}"`);
      const base = await openKnowledgeBase();
      const entries = flags.id ? [base.get(flags.id) ?? fail(`no entry "${flags.id}"`)] : base.entries;
      const { printVerdicts, verifyEntries } = await verifying();
      const verdicts = await verifyEntries(entries, { forms: flags.lang ? [flags.lang] : undefined, updateCounts: flags.updateCounts });
      if (flags.updateCounts) {
        for (const [i, verdict] of verdicts.entries()) {
          const changed = verdict.counts.filter((c) => c.status === 'updated');
          if (changed.length) await writeCounts(entries[i].dir, changed);
        }
      }
      if (flags.json) print(JSON.stringify(verdicts.map(({ forms, ...v }) => ({ ...v, forms: forms.map(({ report: _r, ...f }) => f) })), null, 2));
      else printVerdicts(verdicts);
      process.exitCode = verdicts.every((v) => v.passed) ? 0 : 1;
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
      // A user entry with a built-in id would be hidden behind the built-in one, never found.
      const builtin = (await loadBuiltinEntries()).find((e) => e.id === entry.id);
      if (builtin) throw new FatalError(`${entry.id}: a built-in entry has this id (${builtin.name}); give yours another id in entry.json and rename its folder`);
      const target = join(userPrimitivesDir(zkcoderHome()), entry.id);
      if (existsSync(target)) throw new FatalError(`${entry.id}: already in your knowledge base (${target})`);
      // Counts are measured here and recorded in the added copy; the entry need not state them.
      const { COUNT_LABELS, printFailedReports, printVerdicts, verifyEntries } = await verifying();
      const [verdict] = await verifyEntries([entry], { updateCounts: true });
      if (!verdict.verified) {
        printVerdicts([verdict]);
        printFailedReports(verdict);
        const why = verdict.forms.some((f) => f.status !== 'pass') ? 'not every form passes its vectors' : verdict.problems.join('; ');
        throw new FatalError(`${entry.id}: refused: ${why}`, 1);
      }
      // Through the write gate: the id names a folder inside the user's knowledge base, and a
      // symbolic link in the entry is refused rather than copied.
      refusedAsFatal(() => copyFolderInsideSync(full, userPrimitivesDir(zkcoderHome()), entry.id));
      await writeCounts(target, verdict.counts);
      const corrected = verdict.counts.filter((c) => c.status === 'updated' && c.recorded !== undefined);
      for (const c of corrected) print(`note: ${COUNT_LABELS[c.name]}: entry.json said ${c.recorded}, measured ${c.measured}; the added copy records ${c.measured}`);
      print(`added ${entry.id} to ${target}; it is indexed on the next search`);
    });
}

/** With a choice (search), the embedder the user picked; otherwise the offline one, which costs nothing. */
async function openKnowledgeBase(choice?: EmbedderChoice): Promise<KnowledgeBase> {
  try {
    const base = await embedding(async () => KnowledgeBase.open({ embedder: choice && chooseEmbedder(choice) }));
    for (const message of base.skipped) console.error(`zkcoder: warning: ${message}`);
    return base;
  } catch (error) {
    throw error instanceof EntryError ? new FatalError(error.message) : error;
  }
}

async function loadBuiltinEntries(): Promise<KnowledgeEntry[]> {
  try {
    return await loadEntries();
  } catch (error) {
    throw error instanceof EntryError ? new FatalError(error.message) : error;
  }
}

/** A model embedder's refusal (bad key, unknown model, server down) is the user's to fix: one line. */
async function embedding<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw error instanceof EmbedderError ? new FatalError(error.message) : error;
  }
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
