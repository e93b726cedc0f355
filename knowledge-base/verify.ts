import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { checkCircuit, type CheckReport } from '../compiler-harness/check.js';
import type { Backend, TargetCircuit } from '../compiler-harness/types.js';
import { loadTestVectors } from '../compiler-harness/vectors/schema.js';
import { checkSketchVectors } from '../zksl/index.js';
import { circomlibProblem, compareCounts, measureCircomlib, type CountCheck, type CountName } from './counts.js';
import type { KnowledgeEntry } from './entry.js';

export type Form = 'circom' | 'noir' | 'zksl';

export interface FormVerdict {
  form: Form;
  status: 'pass' | 'fail' | 'missing' | 'skipped';
  /** Circom constraints / Noir ACIR opcodes. */
  constraints?: number;
  /** Noir: UltraHonk gates (bb.js). */
  gates?: number;
  summary: string;
  report?: CheckReport;
}

export interface EntryVerdict {
  id: string;
  category: string;
  forms: FormVerdict[];
  /** Measured counts against entry.json's `counts` (a mismatch fails the entry unless updating). */
  counts: CountCheck[];
  /** What is wrong with the entry besides its vectors: a missing reject case, the circomlib rule. */
  problems: string[];
  /** Everything that was checked passed: the forms asked for, the counts and the entry rules. */
  passed: boolean;
  /** Verified only when all three forms pass every vector (none skipped) and `passed`. */
  verified: boolean;
  durationMs: number;
}

export interface VerifyOptions {
  circom: Backend;
  noir: Backend;
  /** Checks the entry's ZKSL sketch (default: its vectors in the sandbox, at the default parameters). */
  checkSketch?: (entry: KnowledgeEntry) => Promise<FormVerdict>;
  forms?: Form[];
  /**
   * Measured counts that differ from entry.json are `updated` rather than failures (the caller
   * writes them with `writeCounts`): `kb verify --update-counts`, and `kb add` for a new entry.
   */
  updateCounts?: boolean;
}

/** Run an entry's vectors through each of its forms with the real toolchains. */
export async function verifyEntry(entry: KnowledgeEntry, options: VerifyOptions): Promise<EntryVerdict> {
  const start = performance.now();
  const wanted = options.forms ?? ['circom', 'noir', 'zksl'];
  const forms: FormVerdict[] = [];
  for (const form of ['circom', 'noir', 'zksl'] as const) {
    if (!wanted.includes(form)) {
      forms.push({ form, status: 'skipped', summary: 'not asked for' });
      continue;
    }
    if (form === 'zksl') {
      forms.push(await (options.checkSketch ?? checkEntrySketch)(entry));
      continue;
    }
    const circuit = form === 'circom' ? await circomCircuit(entry) : await noirCircuit(entry);
    const vectorsFile = join(entry.dir, (form === 'circom' ? entry.circom.vectors : entry.noir.vectors) ?? 'vectors.json');
    if (!circuit || !existsSync(vectorsFile)) {
      forms.push({ form, status: 'missing', summary: `${circuit ? relative(entry.dir, vectorsFile) : `${form} source`} not found` });
      continue;
    }
    const vectors = await loadTestVectors(vectorsFile);
    const report = await checkCircuit({ backend: form === 'circom' ? options.circom : options.noir, circuit, vectors });
    forms.push({
      form,
      status: report.passed ? 'pass' : 'fail',
      constraints: report.compile.constraintCount,
      gates: report.compile.gateCount,
      summary: report.summary,
      report,
    });
  }
  const problems = await rejectProblems(entry);
  const measured: Partial<Record<CountName, number>> = {};
  const circom = forms.find((f) => f.form === 'circom')!;
  const noir = forms.find((f) => f.form === 'noir')!;
  measured.circomConstraints = circom.constraints;
  measured.noirOpcodes = noir.constraints;
  measured.noirGates = noir.gates;
  if (entry.counts.circomlib && circom.status !== 'skipped' && circom.status !== 'missing') {
    const library = await measureCircomlib(entry, options.circom);
    if ('problem' in library) problems.push(library.problem);
    else measured.circomlib = library.constraints;
    const rule = circomlibProblem(entry, circom.constraints);
    if (rule) problems.push(rule);
  }
  const counts = compareCounts(entry, measured, { update: options.updateCounts });
  const passed =
    forms.every((f) => f.status === 'pass' || f.status === 'skipped') &&
    forms.some((f) => f.status === 'pass') &&
    counts.every((c) => c.status !== 'mismatch') &&
    problems.length === 0;
  const verified = passed && forms.every((f) => f.status === 'pass');
  return { id: entry.id, category: entry.category, forms, counts, problems, passed, verified, durationMs: performance.now() - start };
}

/** An entry states what its circuits refuse: at least one reject vector, or `rejectNone` saying why none. */
async function rejectProblems(entry: KnowledgeEntry): Promise<string[]> {
  const files = [...new Set([entry.circom.vectors ?? 'vectors.json', entry.noir.vectors ?? 'vectors.json'])];
  const problems: string[] = [];
  for (const name of files) {
    const file = join(entry.dir, name);
    if (!existsSync(file)) continue;
    const rejects = (await loadTestVectors(file)).reject.length;
    if (rejects === 0 && !entry.rejectNone) {
      problems.push(`${name}: no reject vector: add inputs the circuit must refuse, or say in entry.json's rejectNone why there are none`);
    }
    if (rejects > 0 && entry.rejectNone) problems.push(`${name}: has ${rejects} reject vectors but entry.json's rejectNone says none exist`);
  }
  return problems;
}

/** Run the entry's vectors against its ZKSL sketch in the sandbox; unconstrained hints fail it too. */
export async function checkEntrySketch(entry: KnowledgeEntry): Promise<FormVerdict> {
  const file = join(entry.dir, entry.sketch);
  if (!existsSync(file)) return { form: 'zksl', status: 'missing', summary: `${entry.sketch} not found` };
  const vectors = await loadTestVectors(join(entry.dir, entry.circom.vectors ?? 'vectors.json'));
  const params = Object.fromEntries(entry.parameters.map((p) => [p.name, p.default]));
  // Our own entries are trusted content, but still run sandboxed; hashes need more than the default time.
  const report = await checkSketchVectors(await readFile(file, 'utf8'), vectors, { params, timeoutMs: 120_000 });
  const failing = report.verdicts.filter((v) => !v.ok).map((v) => `${v.kind}[${v.index}]: ${v.detail}`);
  const findings = report.findings.map((f) => f.message);
  const summary = report.ok ? report.summary : [report.failure?.message ?? report.summary, ...failing.slice(0, 2), ...findings.slice(0, 2)].join('; ');
  return { form: 'zksl', status: report.ok ? 'pass' : 'fail', constraints: undefined, summary };
}

/** The entry's Circom template as a circuit the harness compiles, at its default parameters. */
export async function circomCircuit(entry: KnowledgeEntry): Promise<TargetCircuit | undefined> {
  const path = join(entry.dir, entry.circom.file);
  if (!existsSync(path)) return undefined;
  return {
    lang: 'circom',
    files: { [entry.circom.file]: await readFile(path, 'utf8') },
    entry: entry.circom.file,
    template: entry.circom.template,
    params: entry.parameters.map((p) => BigInt(p.default)),
    publicInputs: entry.circom.publicInputs,
    name: entry.id,
  };
}

/** The entry's Noir project (library + `main` wrapper) as a circuit the harness compiles. */
export async function noirCircuit(entry: KnowledgeEntry): Promise<TargetCircuit | undefined> {
  const dir = join(entry.dir, entry.noir.dir);
  if (!existsSync(join(dir, 'src', 'main.nr'))) return undefined;
  const files: Record<string, string> = {};
  if (existsSync(join(dir, 'Nargo.toml'))) files['Nargo.toml'] = await readFile(join(dir, 'Nargo.toml'), 'utf8');
  for (const name of await readdir(join(dir, 'src'))) {
    if (name.endsWith('.nr')) files[`src/${name}`] = await readFile(join(dir, 'src', name), 'utf8');
  }
  return { lang: 'noir', files, entry: 'src/main.nr', name: entry.id.replace(/-/g, '_') };
}
